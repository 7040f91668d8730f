<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/benchmark/benchmark_result.cpp" line="67"/>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_result.cpp" line="214"/>
        <source>%1 is not a saved benchmark (%2)</source>
        <translation>%1 不是已保存的基准测试（%2）</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="56"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="25"/>
        <source>step</source>
        <translation>步</translation>
    </message>
</context>
<context>
    <name>SchemeTexts</name>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="12"/>
        <source>no compression: all visual tokens reach every layer</source>
        <translation>不压缩：所有视觉 token 到达每一层</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="13"/>
        <source>Visual Context Compressor (LLaVolta): 1D average pooling of the visual tokens at layer K with kernel = stride S, positions pooled and floored; like the paper&apos;s avg_pool1d, a partial last window is dropped unless tail=keep</source>
        <translation>视觉上下文压缩器（LLaVolta）：在第 K 层对视觉 token 做一维平均池化，核 = 步长 S，位置同样池化并向下取整；与论文的 avg_pool1d 一样，不完整的最后一个窗口会被丢弃，除非 tail=keep</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="14"/>
        <source>decoder layer K where pooling happens; -1 pools the projected features before the LLM</source>
        <translation>进行池化的解码器层 K；-1 表示在 LLM 之前对投影后的特征池化</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="15"/>
        <source>pooling kernel = stride S along the visual sequence</source>
        <translation>池化核 = 沿视觉序列的步长 S</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="16"/>
        <source>when S does not divide the visual tokens: drop the L mod S trailing tokens, as the paper&apos;s avg_pool1d (floor(L/S) tokens), or keep them pooled as one extra, shorter window (ceil(L/S) tokens)</source>
        <translation>当 S 不能整除视觉 token 数时：像论文的 avg_pool1d 一样丢弃末尾 L mod S 个 token（floor(L/S) 个 token），或将它们池化为一个额外的较短窗口保留（ceil(L/S) 个 token）</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="17"/>
        <source>2D average pooling of the visual tokens over S x S windows of the patch grid at layer K; when S does not divide the grid side, the edge windows are kept smaller (ceil_mode on)</source>
        <translation>在第 K 层对 patch 网格上 S x S 窗口内的视觉 token 做二维平均池化；S 不能整除网格边长时，边缘窗口更小（ceil_mode 开启）</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="18"/>
        <source>window side S: each S x S block of patches becomes one token, ceil(side / S)^2 in all</source>
        <translation>窗口边长 S：每个 S x S 的 patch 块变成一个 token，共 ceil(边长 / S)^2 个</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="19"/>
        <source>FastV: keep the visual tokens the last prompt token attends to most at layer K-1 (head-averaged)</source>
        <translation>FastV：保留第 K-1 层中最后一个提示 token 关注最多的视觉 token（对各头取平均）</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="20"/>
        <source>decoder layer K from which the dropped tokens are gone (ranked by layer K-1&apos;s attention); 1..N</source>
        <translation>自该解码器层 K 起被丢弃的 token 不再出现（按第 K-1 层的注意力排序）；1..N</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="21"/>
        <source>fraction R of the visual tokens kept, in (0, 1]</source>
        <translation>保留的视觉 token 比例 R，取值 (0, 1]</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="22"/>
        <source>PyramidDrop: at each listed layer keep the top fraction of the remaining visual tokens by the last prompt token&apos;s attention</source>
        <translation>PyramidDrop：在列出的每一层，按最后一个提示 token 的注意力保留剩余视觉 token 中排名靠前的比例</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="23"/>
        <source>decoder layers where a drop happens, joined by &apos;+&apos;, strictly increasing; each 1..N</source>
        <translation>进行丢弃的解码器层，用 &apos;+&apos; 连接，严格递增；每个取值 1..N</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="24"/>
        <source>fraction of the remaining visual tokens kept at each listed layer, in (0, 1]</source>
        <translation>在列出的每一层保留的剩余视觉 token 比例，取值 (0, 1]</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="25"/>
        <source>Random drop: keep a seeded random subset of the visual tokens at layer K (the usual baseline)</source>
        <translation>随机丢弃：在第 K 层保留视觉 token 的一个固定种子随机子集（常用基线）</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="26"/>
        <source>decoder layer K from which the dropped tokens are gone; -1 drops before the LLM</source>
        <translation>自该解码器层 K 起被丢弃的 token 不再出现；-1 表示在 LLM 之前丢弃</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="27"/>
        <source>fraction of the visual tokens kept, in (0, 1]</source>
        <translation>保留的视觉 token 比例，取值 (0, 1]</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="28"/>
        <source>seed of the choice (the same tokens for every sample and run)</source>
        <translation>选择所用的随机种子（每个样本和每次运行都选相同的 token）</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="29"/>
        <source>ToMe: bipartite soft matching on head-averaged keys, size-weighted merges until the kept fraction remains</source>
        <translation>ToMe：在对各头取平均的 key 上做二分软匹配，按大小加权合并，直到只剩保留比例</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="30"/>
        <source>decoder layer K where merging happens (keys of layer K); -1 merges the projected features</source>
        <translation>进行合并的解码器层 K（使用第 K 层的 key）；-1 表示合并投影后的特征</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="31"/>
        <source>fraction of the visual tokens left after merging, in (0, 1]</source>
        <translation>合并后剩余的视觉 token 比例，取值 (0, 1]</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="32"/>
        <source>K-means: cluster the visual hidden states at layer K and replace each cluster by its mean</source>
        <translation>K-means：在第 K 层对视觉隐藏状态聚类，并用每个簇的均值替代该簇</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="33"/>
        <source>decoder layer K where clustering happens; -1 clusters the projected features</source>
        <translation>进行聚类的解码器层 K；-1 表示对投影后的特征聚类</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="34"/>
        <source>number of clusters C = visual tokens left (at most the model&apos;s visual tokens)</source>
        <translation>簇数 C = 剩余的视觉 token 数（最多为模型的视觉 token 数）</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="35"/>
        <source>Lloyd iterations from evenly spaced starting tokens</source>
        <translation>从均匀间隔的起始 token 开始的 Lloyd 迭代次数</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="36"/>
        <source>VisionZip: before the LLM keep the patches with the most [CLS] attention and merge the rest into contextual tokens</source>
        <translation>VisionZip：在 LLM 之前保留 [CLS] 注意力最高的 patch，其余合并为上下文 token</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="37"/>
        <source>patches kept because the vision tower&apos;s [CLS] attends to them most</source>
        <translation>因视觉塔的 [CLS] 最关注它们而保留的 patch</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="38"/>
        <source>tokens the other patches are merged into (by similarity to evenly spaced targets)</source>
        <translation>其余 patch 被合并成的 token（按与均匀间隔目标的相似度）</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="34"/>
        <source>%1 → %2 visual tokens · #Tokens %3 · CR %4× · %5 TFLOPs prefill · %6 ms prefill · %7 tokens/s</source>
        <translation>视觉 token %1 → %2 · #Tokens %3 · 压缩比 %4× · 预填充 %5 TFLOPs · 预填充 %6 ms · %7 token/秒</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="55"/>
        <source>%1 (in the first column, before Compare was switched on)</source>
        <translation>%1（在第一列，开启对比之前）</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="68"/>
        <source>Image:</source>
        <translation>图像：</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="69"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="71"/>
        <source>Scheme:</source>
        <translation>方案：</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="73"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="76"/>
        <source>(stopped)</source>
        <translation>（已停止）</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="78"/>
        <location filename="../ui/chat/transcript.cpp" line="106"/>
        <source>Error: </source>
        <translation>错误：</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="79"/>
        <location filename="../ui/chat/transcript.cpp" line="106"/>
        <source>Assistant</source>
        <translation>助手</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="83"/>
        <location filename="../ui/chat/transcript.cpp" line="108"/>
        <source>stopped before the prefill finished: no statistics</source>
        <translation>预填充完成前已停止：无统计数据</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="86"/>
        <source>Next question under:</source>
        <translation>下一个问题使用：</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="92"/>
        <source>LLaVolta conversation</source>
        <translation>LLaVolta 对话</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="95"/>
        <location filename="../ui/chat/transcript.cpp" line="102"/>
        <source>Image: %1</source>
        <translation>图像：%1</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="98"/>
        <source>Column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="103"/>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="104"/>
        <source>Scheme: `%1`</source>
        <translation>方案：`%1`</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="105"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::BenchmarkPlot</name>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="25"/>
        <source>prefill TFLOPs per sample</source>
        <translation>每个样本的预填充 TFLOPs</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="26"/>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="181"/>
        <source>Pareto frontier</source>
        <translation>Pareto 前沿</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="195"/>
        <source>paper (LLaVA-1.5-7B)</source>
        <translation>论文（LLaVA-1.5-7B）</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="287"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="289"/>
        <source>%1
%2
%10 %3%11 ± %8 (%9 questions)
%4 TFLOPs · #Tokens %5 · CR %6 · %7 ms</source>
        <translation>%1
%2
%10 %3%11 ± %8（%9 个问题）
%4 TFLOPs · #Tokens %5 · CR %6 · %7 ms</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="301"/>
        <source>paper: %1
%2 at %3 TFLOPs</source>
        <translation>论文：%1
%2，%3 TFLOPs</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="304"/>
        <source>%1 points here:</source>
        <translation>此处有 %1 个点：</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::BenchmarkRunner</name>
    <message>
        <location filename="../ui/benchmark/benchmark_runner.cpp" line="54"/>
        <source>could not start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_runner.cpp" line="82"/>
        <source>the process crashed</source>
        <translation>进程崩溃</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_runner.cpp" line="82"/>
        <source>exit code %1</source>
        <translation>退出代码 %1</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_runner.cpp" line="88"/>
        <source>the CLI printed no JSON result</source>
        <translation>CLI 未输出 JSON 结果</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_runner.cpp" line="96"/>
        <source>the CLI&apos;s result could not be read: %1</source>
        <translation>无法读取 CLI 的结果：%1</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::BenchmarkWorkspace</name>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="86"/>
        <source>No verified reference points are installed (%1 holds none)</source>
        <translation>未安装经过验证的参考数据点（%1 中没有）</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="90"/>
        <source>Benchmarks saved in the results directory</source>
        <translation>保存在结果目录中的基准测试</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="113"/>
        <source>The benchmark the plot shows: each has its own metric</source>
        <translation>图中显示的基准：每个基准有自己的指标</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="120"/>
        <source>Saved:</source>
        <translation>已保存：</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="124"/>
        <source>Show:</source>
        <translation>显示：</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="96"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="167"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="81"/>
        <source>Paper&apos;s points</source>
        <translation>论文数据点</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="83"/>
        <source>Show the paper&apos;s LLaVA-1.5-7B points: published numbers of the reference model, for comparing real checkpoints</source>
        <translation>显示论文中 LLaVA-1.5-7B 的数据点：参考模型公布的数值，用于比较真实检查点</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="100"/>
        <source>Results as CSV…</source>
        <translation>结果导出为 CSV…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="101"/>
        <source>Results as JSON…</source>
        <translation>结果导出为 JSON…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="102"/>
        <source>Plot as PNG…</source>
        <translation>图表导出为 PNG…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="103"/>
        <source>Plot as PDF…</source>
        <translation>图表导出为 PDF…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="169"/>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="172"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="173"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="174"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="175"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="183"/>
        <source>%1 of %2: %3</source>
        <translation>第 %1 个，共 %2 个：%3</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="194"/>
        <source>Could not save results to %1: %2</source>
        <translation>无法将结果保存到 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="203"/>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="210"/>
        <source>cancelled after %v of %m jobs</source>
        <translation>已取消（完成 %v / %m 个任务）</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="212"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="217"/>
        <source>Cancelled; %1 results kept</source>
        <translation>已取消；保留了 %1 个结果</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="218"/>
        <source>Done: %1 results</source>
        <translation>完成：%1 个结果</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="231"/>
        <source>Models and checkpoints</source>
        <translation>模型和检查点</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="234"/>
        <source>Checked models are benchmarked</source>
        <translation>将对勾选的模型进行基准测试</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="235"/>
        <source>Add directory…</source>
        <translation>添加目录…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="236"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="244"/>
        <source>Model or checkpoint directory</source>
        <translation>模型或检查点目录</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="250"/>
        <source>Evaluation set</source>
        <translation>评估集</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="251"/>
        <source>Generated Shapes-VQA test split</source>
        <translation>生成的 Shapes-VQA 测试集</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="254"/>
        <source>LLaVA question file with answers</source>
        <translation>带答案的 LLaVA 问题文件</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="256"/>
        <source>Questions to generate (one per image)</source>
        <translation>要生成的问题数（每张图像一个）</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="257"/>
        <source>The same seed gives the same test split</source>
        <translation>相同的种子生成相同的测试集</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="258"/>
        <source>Image side in pixels</source>
        <translation>图像边长（像素）</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="259"/>
        <source>Add LLaVA&apos;s short-answer hint</source>
        <translation>添加 LLaVA 的简短回答提示</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="261"/>
        <source>Append &quot;Answer the question using a single word or phrase.&quot; to each question, as LLaVA-1.5&apos;s evaluation does; leave it off for models trained without it, like the demo model</source>
        <translation>像 LLaVA-1.5 的评测那样，在每个问题后附加“Answer the question using a single word or phrase.”；对未使用该提示训练的模型（如演示模型）请保持关闭</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="265"/>
        <source>questions.jsonl</source>
        <translation>questions.jsonl</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="268"/>
        <source>default: answers.jsonl beside the questions</source>
        <translation>默认：问题文件旁的 answers.jsonl</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="269"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="295"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="271"/>
        <source>LLaVA question file</source>
        <translation>LLaVA 问题文件</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="271"/>
        <source>JSONL (*.jsonl);;All files (*)</source>
        <translation>JSONL (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="277"/>
        <source>LLaVA-1.5 benchmark</source>
        <translation>LLaVA-1.5 基准</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="279"/>
        <source>A benchmark of LLaVA-1.5&apos;s evaluation suite, scored with its own metric, from a folder in the layout of LLaVA&apos;s evaluation guide (playground/data/eval/&lt;benchmark&gt;)</source>
        <translation>LLaVA-1.5 评测套件中的一个基准，用其自身指标评分，数据来自按 LLaVA 评测指南布局的文件夹（playground/data/eval/&lt;benchmark&gt;）</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="287"/>
        <source>%1: %2
Files in its folder (%3/): %4</source>
        <translation>%1：%2
其文件夹（%3/）中的文件：%4</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="294"/>
        <source>playground/data/eval/&lt;benchmark&gt;</source>
        <translation>playground/data/eval/&lt;benchmark&gt;</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="297"/>
        <source>Benchmark folder</source>
        <translation>基准文件夹</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="314"/>
        <source>Questions per evaluation (0 = all)</source>
        <translation>每次评估的问题数（0 = 全部）</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="317"/>
        <source>Questions:</source>
        <translation>问题数：</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="318"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="319"/>
        <source>Image size:</source>
        <translation>图像尺寸：</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="322"/>
        <source>Question file:</source>
        <translation>问题文件：</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="323"/>
        <source>Answer file:</source>
        <translation>答案文件：</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="325"/>
        <source>Benchmark:</source>
        <translation>基准：</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="326"/>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="327"/>
        <source>Sample limit:</source>
        <translation>样本上限：</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="330"/>
        <source>Schemes and parameter sweeps</source>
        <translation>方案与参数扫描</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="333"/>
        <source>Scheme / parameter</source>
        <translation>方案 / 参数</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="335"/>
        <source>Each checked scheme runs for every combination of its parameter values</source>
        <translation>每个勾选的方案都会针对其参数取值的所有组合运行</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="352"/>
        <source>Run benchmark</source>
        <translation>运行基准测试</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="354"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="506"/>
        <source>Show the paper&apos;s LLaVA-1.5-7B points: its published numbers for %1, for comparing real checkpoints</source>
        <translation>显示论文中 LLaVA-1.5-7B 的数据点：其在 %1 上公布的数值，用于比较真实检查点</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="681"/>
        <source>Benchmark</source>
        <translation>基准</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="681"/>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="681"/>
        <source>± SE</source>
        <translation>± 标准误</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="178"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="358"/>
        <source>jobs %v/%m</source>
        <translation>任务 %v/%m</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="179"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="361"/>
        <source>questions %v/%m</source>
        <translation>问题 %v/%m</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="333"/>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="334"/>
        <source>Comma-separated values; each combination runs</source>
        <translation>以逗号分隔的取值；每种组合都会运行</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="391"/>
        <source>Comma-separated values; default %1</source>
        <translation>逗号分隔的取值；默认 %1</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="420"/>
        <source>Scheme %1: give at least one value for &quot;%2&quot;.</source>
        <translation>方案 %1：请为“%2”至少提供一个取值。</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="433"/>
        <source>Scheme %1: %2</source>
        <translation>方案 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="440"/>
        <source>Check at least one scheme.</source>
        <translation>请至少勾选一个方案。</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="507"/>
        <source>GQA</source>
        <translation>GQA</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="508"/>
        <source>The papers give no LLaVA-1.5-7B numbers for this benchmark</source>
        <translation>论文未给出 LLaVA-1.5-7B 在此基准上的数值</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="522"/>
        <source>Shapes-VQA / question files</source>
        <translation>Shapes-VQA / 问题文件</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="548"/>
        <source>No results directory is set.</source>
        <translation>尚未设置结果目录。</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="555"/>
        <source>Check at least one model (Add directory… adds a model or checkpoint).</source>
        <translation>请至少勾选一个模型（“添加目录…”可添加模型或检查点）。</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="560"/>
        <source>%1 is not a model directory (no config.json).</source>
        <translation>%1 不是模型目录（没有 config.json）。</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="582"/>
        <source>generate Shapes-VQA test split</source>
        <translation>生成 Shapes-VQA 测试集</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="589"/>
        <source>The %1 folder &quot;%2&quot; does not exist. Point at the benchmark&apos;s folder in LLaVA&apos;s layout (playground/data/eval/…).</source>
        <translation>%1 文件夹“%2”不存在。请选择按 LLaVA 布局存放的基准文件夹（playground/data/eval/…）。</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="608"/>
        <source>%1 on %2 under %3</source>
        <translation>%1 在 %2 上，方案 %3</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="625"/>
        <source>The question file &quot;%1&quot; does not exist.</source>
        <translation>问题文件“%1”不存在。</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="629"/>
        <source>The answer file &quot;%1&quot; does not exist.</source>
        <translation>答案文件“%1”不存在。</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="639"/>
        <source>%1 under %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="670"/>
        <source>Could not load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="681"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="681"/>
        <source>Scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="682"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="683"/>
        <source>TFLOPs</source>
        <translation>TFLOPs</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="683"/>
        <source>#Tokens</source>
        <translation>#Tokens</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="683"/>
        <source>CR</source>
        <translation>CR</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="683"/>
        <source>Latency ms</source>
        <translation>延迟 ms</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="703"/>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="707"/>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="710"/>
        <source>Standard error of the score over %n question(s)</source>
        <translation>
            <numerusform>得分在 %n 个问题上的标准误</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="711"/>
        <source>This metric has no standard error over questions</source>
        <translation>此指标没有基于问题的标准误</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="727"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="734"/>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="740"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="746"/>
        <source>Could not write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ChatInput</name>
    <message>
        <location filename="../ui/chat/chat_input.cpp" line="27"/>
        <source>pasted image</source>
        <translation>粘贴的图像</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ChatWorkspace</name>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="52"/>
        <source>Open Image…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="55"/>
        <source>Compression scheme</source>
        <translation>压缩方案</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="60"/>
        <source>Compare with a second scheme</source>
        <translation>与第二个方案对比</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="70"/>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="78"/>
        <source>0 = greedy decoding</source>
        <translation>0 = 贪心解码</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="84"/>
        <source>Nucleus sampling: keep the smallest set of tokens whose probability reaches p (1 = off)</source>
        <translation>核采样：保留概率之和达到 p 的最小 token 集合（1 = 关闭）</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="88"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="89"/>
        <source>Sample among the k most likely tokens only (0 = off)</source>
        <translation>只在概率最高的 k 个 token 中采样（0 = 关闭）</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="95"/>
        <source>Penalty on tokens already in the answer, as transformers&apos; repetition_penalty (1 = off)</source>
        <translation>对回答中已出现的 token 施加惩罚，与 transformers 的 repetition_penalty 相同（1 = 关闭）</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="99"/>
        <source>The same seed gives the same sampled answer</source>
        <translation>相同的种子给出相同的采样回答</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="100"/>
        <source>Max new tokens</source>
        <translation>最大新 token 数</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="101"/>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="102"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="103"/>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="104"/>
        <source>Repetition penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="105"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="132"/>
        <source>Ask about the image… (Ctrl+Return sends)</source>
        <translation>就图像提问…（Ctrl+Return 发送）</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="136"/>
        <source>New Conversation</source>
        <translation>新对话</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="137"/>
        <source>Copy Transcript</source>
        <translation>复制对话记录</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="138"/>
        <source>Save Transcript…</source>
        <translation>保存对话记录…</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="139"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="141"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="176"/>
        <source>&lt;p&gt;No model is loaded.&lt;/p&gt;</source>
        <translation>&lt;p&gt;尚未加载模型。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="202"/>
        <source>The image could not be read.</source>
        <translation>无法读取该图像。</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="225"/>
        <source>Open Image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="226"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="274"/>
        <source>No model is loaded. Open one with File &gt; Open Model.</source>
        <translation>尚未加载模型。请通过 文件 &gt; 打开模型 打开一个。</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="278"/>
        <source>No image. Open, drop or paste an image first.</source>
        <translation>没有图像。请先打开、拖入或粘贴一张图像。</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="282"/>
        <source>Type a question first.</source>
        <translation>请先输入问题。</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="290"/>
        <source>Invalid scheme &quot;%1&quot;: %2</source>
        <translation>无效的方案“%1”：%2</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="313"/>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="356"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="356"/>
        <source>Answer complete</source>
        <translation>回答完成</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="427"/>
        <source>Transcript copied to the clipboard</source>
        <translation>对话记录已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="432"/>
        <source>Save Transcript</source>
        <translation>保存对话记录</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="433"/>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation>Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="438"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="442"/>
        <source>Transcript saved to %1</source>
        <translation>对话记录已保存到 %1</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::CompressionWorkspace</name>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="44"/>
        <source>Scheme A</source>
        <translation>方案 A</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="51"/>
        <source>Side by side with scheme B</source>
        <translation>与方案 B 并排对比</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="54"/>
        <source>Scheme B</source>
        <translation>方案 B</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="63"/>
        <source>Question the prefill runs on</source>
        <translation>预填充所用的问题</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="64"/>
        <source>Prompt</source>
        <translation>提示词</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="66"/>
        <source>Run Prefill</source>
        <translation>运行预填充</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="69"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="71"/>
        <source>Token groups (merged patches share a colour)</source>
        <translation>Token 分组（合并的图块颜色相同）</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="72"/>
        <source>Attention of the last prompt token</source>
        <translation>最后一个提示 token 的注意力</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="77"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="108"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="179"/>
        <source>No model is loaded. Open one with File &gt; Open Model.</source>
        <translation>尚未加载模型。请通过 文件 &gt; 打开模型 打开一个。</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="183"/>
        <source>No image. Open one in the Chat workspace or with File &gt; Open Image.</source>
        <translation>没有图像。请在聊天工作区或通过 文件 &gt; 打开图像 打开一张。</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="191"/>
        <source>Invalid scheme &quot;%1&quot;: %2</source>
        <translation>无效的方案“%1”：%2</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="197"/>
        <source>Describe the image.</source>
        <translation>描述这张图像。</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="209"/>
        <source>Running the prefill…</source>
        <translation>正在运行预填充…</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="224"/>
        <source>Compression trace ready</source>
        <translation>压缩追踪已就绪</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="246"/>
        <source>Run the prefill to see scheme %1</source>
        <translation>运行预填充以查看方案 %1</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="247"/>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="255"/>
        <source>%1 — %2 tokens at layer %3</source>
        <translation>%1 — 第 %3 层有 %2 个 token</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="257"/>
        <source>no attention before the LLM</source>
        <translation>LLM 之前没有注意力</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="257"/>
        <source>no attention recorded</source>
        <translation>未记录注意力</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="261"/>
        <source>before the LLM (projected features)</source>
        <translation>LLM 之前（投影后的特征）</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="262"/>
        <source>layer %1 of %2</source>
        <translation>第 %1 层，共 %2 层</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="263"/>
        <source>tokens </source>
        <translation>token 数 </translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="273"/>
        <source>decoder layer</source>
        <translation>解码器层</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="274"/>
        <source>visual tokens</source>
        <translation>视觉 token</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="276"/>
        <source>cumulative LLM GFLOPs</source>
        <translation>LLM 累计 GFLOPs</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="303"/>
        <source>%1: visual tokens</source>
        <translation>%1：视觉 token</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="309"/>
        <source>%1: cumulative GFLOPs</source>
        <translation>%1：累计 GFLOPs</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="320"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="333"/>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="333"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="335"/>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="336"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ImageDropArea</name>
    <message>
        <location filename="../ui/chat/image_drop_area.cpp" line="18"/>
        <source>Cannot open &quot;%1&quot; as an image: %2</source>
        <translation>无法将“%1”作为图像打开：%2</translation>
    </message>
    <message>
        <location filename="../ui/chat/image_drop_area.cpp" line="31"/>
        <source>Drop an image here, paste one (Ctrl+V) or click to open a file</source>
        <translation>将图像拖到此处、粘贴（Ctrl+V）或点击打开文件</translation>
    </message>
    <message>
        <location filename="../ui/chat/image_drop_area.cpp" line="68"/>
        <source>dropped image</source>
        <translation>拖入的图像</translation>
    </message>
    <message>
        <location filename="../ui/chat/image_drop_area.cpp" line="83"/>
        <source>pasted image</source>
        <translation>粘贴的图像</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="65"/>
        <source>LLaVolta Studio</source>
        <translation>LLaVolta Studio</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="81"/>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="82"/>
        <source>Compression</source>
        <translation>压缩</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="83"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="84"/>
        <source>Benchmarks</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="89"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="162"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="163"/>
        <source>Open &amp;Model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="165"/>
        <source>Open &amp;Image…</source>
        <translation>打开图像(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="167"/>
        <source>Recent Models</source>
        <translation>最近的模型</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="168"/>
        <source>Recent Images</source>
        <translation>最近的图像</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="170"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="173"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="177"/>
        <location filename="../ui/shell/main_window.cpp" line="191"/>
        <source>&amp;Chat</source>
        <translation>聊天(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="178"/>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="183"/>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="186"/>
        <source>&amp;New Conversation</source>
        <translation>新对话(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="187"/>
        <source>&amp;Copy Transcript</source>
        <translation>复制对话记录(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="188"/>
        <source>Save &amp;Transcript…</source>
        <translation>保存对话记录(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="190"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="191"/>
        <source>C&amp;ompression</source>
        <translation>压缩(&amp;O)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="191"/>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="191"/>
        <source>&amp;Benchmarks</source>
        <translation>基准测试(&amp;B)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="198"/>
        <source>&amp;Log</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="202"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="203"/>
        <source>&amp;About LLaVolta Studio</source>
        <translation>关于 LLaVolta Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="204"/>
        <source>About LLaVolta Studio</source>
        <translation>关于 LLaVolta Studio</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="205"/>
        <source>&lt;p&gt;&lt;b&gt;LLaVolta Studio&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Efficient large multimodal models via visual context compression (Chen et al., NeurIPS 2024), in C++ with LibTorch and Qt.&lt;/p&gt;&lt;p&gt;Log file: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;LLaVolta Studio&lt;/b&gt;&lt;/p&gt;&lt;p&gt;通过视觉上下文压缩实现高效的大型多模态模型（Chen 等，NeurIPS 2024），使用 C++、LibTorch 和 Qt 实现。&lt;/p&gt;&lt;p&gt;日志文件：%1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="213"/>
        <location filename="../ui/shell/main_window.cpp" line="335"/>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="216"/>
        <source>Resident memory of the studio process</source>
        <translation>Studio 进程的常驻内存</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="223"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="252"/>
        <source>Memory %1 MiB</source>
        <translation>内存 %1 MiB</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="269"/>
        <source>&lt;h3&gt;No model is loaded&lt;/h3&gt;&lt;p&gt;The bundled demo model is not in this checkout yet. Either&lt;/p&gt;&lt;ul&gt;&lt;li&gt;train it: &lt;code&gt;bash scripts/train-demo.sh&lt;/code&gt; (it is written to &lt;code&gt;resources/models/demo/&lt;/code&gt; and opened automatically next time), or&lt;/li&gt;&lt;li&gt;open any LLaVA-1.5 checkpoint folder (Hugging Face safetensors + config.json + tokenizer.model) with &lt;b&gt;File &amp;gt; Open Model&lt;/b&gt; (Ctrl+Shift+O), or&lt;/li&gt;&lt;li&gt;make a random model to try the studio: &lt;code&gt;build/bin/llavolta init-model --config resources/configs/demo.json --out /tmp/demo-model&lt;/code&gt; (its answers are noise).&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;尚未加载模型&lt;/h3&gt;&lt;p&gt;此代码副本中还没有内置的演示模型。你可以&lt;/p&gt;&lt;ul&gt;&lt;li&gt;训练它：&lt;code&gt;bash scripts/train-demo.sh&lt;/code&gt;（模型写入 &lt;code&gt;resources/models/demo/&lt;/code&gt;，下次启动时自动打开），或&lt;/li&gt;&lt;li&gt;通过 &lt;b&gt;文件 &amp;gt; 打开模型&lt;/b&gt;（Ctrl+Shift+O）打开任意 LLaVA-1.5 检查点文件夹（Hugging Face safetensors + config.json + tokenizer.model），或&lt;/li&gt;&lt;li&gt;生成一个随机模型来试用：&lt;code&gt;build/bin/llavolta init-model --config resources/configs/demo.json --out /tmp/demo-model&lt;/code&gt;（其回答是噪声）。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="278"/>
        <source>open one with File &gt; Open Model</source>
        <translation>请通过 文件 &gt; 打开模型 打开</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="293"/>
        <source>Open Model Folder</source>
        <translation>打开模型文件夹</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="301"/>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="302"/>
        <location filename="../ui/shell/main_window.cpp" line="400"/>
        <source>Loading model</source>
        <translation>正在加载模型</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="309"/>
        <location filename="../ui/shell/main_window.cpp" line="330"/>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="310"/>
        <source>Device: %1 (%2)</source>
        <translation>设备：%1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="320"/>
        <source>Model loaded</source>
        <translation>模型已加载</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="332"/>
        <source>%1

%2 stays open.</source>
        <translation>%1

%2 保持打开。</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="336"/>
        <source>loading failed</source>
        <translation>加载失败</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="337"/>
        <source>&lt;h3&gt;The model could not be loaded&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Open another one with &lt;b&gt;File &amp;gt; Open Model&lt;/b&gt; (Ctrl+Shift+O).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;无法加载该模型&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;请通过 &lt;b&gt;文件 &amp;gt; 打开模型&lt;/b&gt;（Ctrl+Shift+O）打开另一个。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="442"/>
        <source>Stop and Quit</source>
        <translation>停止并退出</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="442"/>
        <source>Pause and Quit</source>
        <translation>暂停并退出</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="444"/>
        <source>Keep Running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="331"/>
        <location filename="../ui/shell/main_window.cpp" line="340"/>
        <source>Could not load the model</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="345"/>
        <source>Could not open the image</source>
        <translation>无法打开图像</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="356"/>
        <source>Open Image</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="356"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="381"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="381"/>
        <source>The new language applies when the studio starts next time.</source>
        <translation>新语言将在下次启动 Studio 时生效。</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="108"/>
        <location filename="../ui/shell/main_window.cpp" line="112"/>
        <location filename="../ui/shell/main_window.cpp" line="388"/>
        <location filename="../ui/shell/main_window.cpp" line="403"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="109"/>
        <location filename="../ui/shell/main_window.cpp" line="403"/>
        <source>Generating</source>
        <translation>正在生成</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="113"/>
        <location filename="../ui/shell/main_window.cpp" line="404"/>
        <source>Running prefill</source>
        <translation>正在预填充</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="419"/>
        <source>Loading a model: the load is abandoned.</source>
        <translation>正在加载模型：加载将被放弃。</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="420"/>
        <source>A chat answer is being generated: it stops where it is.</source>
        <translation>正在生成聊天回答：它将在当前位置停止。</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="422"/>
        <source>Training run &quot;%1&quot;: it is paused. It finishes its step and writes a checkpoint first (this can take up to a minute); resume it later from the Training tab.</source>
        <translation>训练运行“%1”：将被暂停。它会先完成当前步骤并写入检查点（可能需要一分钟）；之后可在“训练”标签页中恢复。</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="426"/>
        <source>Training runs %1: they are paused. Each finishes its step and writes a checkpoint first (this can take up to a minute); resume them later from the Training tab.</source>
        <translation>训练运行 %1：将被暂停。每个运行会先完成当前步骤并写入检查点（可能需要一分钟）；之后可在“训练”标签页中恢复。</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="429"/>
        <source>A benchmark: it is cancelled; the results finished so far stay saved.</source>
        <translation>一个基准评测：将被取消；已完成的结果会保留。</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="431"/>
        <source>&lt;p&gt;This is still running:&lt;/p&gt;&lt;ul&gt;</source>
        <translation>&lt;p&gt;以下任务仍在运行：&lt;/p&gt;&lt;ul&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="440"/>
        <source>Work is running</source>
        <translation>仍有任务在运行</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ModelPanel</name>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="31"/>
        <source>Open Model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="32"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="33"/>
        <source>Load the model again with the device, data type and threads chosen here</source>
        <translation>使用此处选择的设备、数据类型和线程数重新加载模型</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="34"/>
        <location filename="../ui/shell/model_panel.cpp" line="118"/>
        <source>No model</source>
        <translation>无模型</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="42"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="43"/>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="50"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="51"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="54"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="56"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="58"/>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="69"/>
        <source>float16 runs on CUDA only; on the CPU use bfloat16</source>
        <translation>float16 仅在 CUDA 上运行；在 CPU 上请使用 bfloat16</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="101"/>
        <source>%1 layout · %2 parameters · %3 layers · %4 visual tokens (%5×%5 patches) · %6 / %7</source>
        <translation>%1 布局 · %2 参数 · %3 层 · %4 个视觉 token（%5×%5 图块）· %6 / %7</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="114"/>
        <source>loading…</source>
        <translation>正在加载…</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::NewRunDialog</name>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="72"/>
        <source>New Training Run</source>
        <translation>新建训练运行</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="74"/>
        <source>Folder name of the run inside the runs directory</source>
        <translation>该运行在运行目录中的文件夹名</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="77"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="78"/>
        <source>Initial model</source>
        <translation>初始模型</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="88"/>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="89"/>
        <source>Hyperparameters</source>
        <translation>超参数</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="98"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="104"/>
        <source>Run name:</source>
        <translation>运行名称：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="203"/>
        <source>Choose a model to see the stages it will run.</source>
        <translation>选择一个模型，以查看它将运行的阶段。</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="215"/>
        <source>until %1% (step %2)</source>
        <translation>直到 %1%（第 %2 步）</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="216"/>
        <source>until step %1</source>
        <translation>直到第 %1 步</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="217"/>
        <source>%1. %2 %3</source>
        <translation>%1. %2 %3</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="220"/>
        <source>On this model (%1 layers, %2 visual tokens; layers written for %3 are rescaled): %4</source>
        <translation>在此模型上（%1 层，%2 个视觉 token；为 %3 层编写的层号会按比例换算）：%4</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="249"/>
        <source>Generate Shapes-VQA</source>
        <translation>生成 Shapes-VQA</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="252"/>
        <source>LLaVA conversation JSON + image folder</source>
        <translation>LLaVA 对话 JSON + 图像文件夹</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="254"/>
        <source>Training images to render</source>
        <translation>要渲染的训练图像数</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="255"/>
        <source>The same seed gives the same dataset</source>
        <translation>相同的种子生成相同的数据集</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="256"/>
        <source>Image side in pixels</source>
        <translation>图像边长（像素）</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="257"/>
        <source>Test questions for evaluation during training (0 = none)</source>
        <translation>训练期间用于评估的测试问题数（0 = 无）</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="261"/>
        <source>optional: LLaVA question file (answers.jsonl beside it) for evaluation</source>
        <translation>可选：用于评估的 LLaVA 问题文件（旁边需有 answers.jsonl）</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="265"/>
        <source>Images:</source>
        <translation>图像数：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="266"/>
        <location filename="../ui/training/new_run_dialog.cpp" line="309"/>
        <location filename="../ui/training/new_run_dialog.cpp" line="349"/>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="267"/>
        <source>Image size:</source>
        <translation>图像尺寸：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="268"/>
        <source>Test questions:</source>
        <translation>测试问题数：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="270"/>
        <source>Conversation JSON:</source>
        <translation>对话 JSON：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="270"/>
        <source>LLaVA conversation JSON</source>
        <translation>LLaVA 对话 JSON</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="271"/>
        <source>Image folder:</source>
        <translation>图像文件夹：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="271"/>
        <source>Image folder</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="272"/>
        <source>Eval questions:</source>
        <translation>评估问题：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="272"/>
        <source>LLaVA question file</source>
        <translation>LLaVA 问题文件</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="281"/>
        <source>The studio&apos;s current model (none open)</source>
        <translation>Studio 当前的模型（未打开）</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="282"/>
        <source>The studio&apos;s current model: %1</source>
        <translation>Studio 当前的模型：%1</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="283"/>
        <source>A model or checkpoint directory</source>
        <translation>模型或检查点目录</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="285"/>
        <source>A new random model from a size preset</source>
        <translation>按尺寸预设新建随机模型</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="292"/>
        <source>Seed of the random weights</source>
        <translation>随机权重的种子</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="293"/>
        <source>Also train the vision tower (needed when it starts random)</source>
        <translation>同时训练视觉塔（随机初始化时需要）</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="306"/>
        <source>Directory:</source>
        <translation>目录：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="306"/>
        <source>Model directory</source>
        <translation>模型目录</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="308"/>
        <source>Size preset:</source>
        <translation>尺寸预设：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="317"/>
        <source>Alignment phase (captions, projector only, no compression); 0 = skip</source>
        <translation>对齐阶段（图像描述，仅训练投影器，不压缩）；0 = 跳过</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="318"/>
        <source>Instruction-tuning phase, where the schedule applies</source>
        <translation>指令微调阶段，调度在此阶段生效</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="337"/>
        <source>Steps between checkpoints (0 = only at phase ends)</source>
        <translation>检查点之间的步数（0 = 仅在各阶段结束时）</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="338"/>
        <source>Steps between evaluations (0 = only at the end)</source>
        <translation>评估之间的步数（0 = 仅在结束时）</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="339"/>
        <source>Questions per evaluation (0 = all)</source>
        <translation>每次评估的问题数（0 = 全部）</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="342"/>
        <source>Alignment steps:</source>
        <translation>对齐步数：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="343"/>
        <source>Alignment learning rate:</source>
        <translation>对齐学习率：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="344"/>
        <source>Instruction steps:</source>
        <translation>指令微调步数：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="345"/>
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="346"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="347"/>
        <source>Warm-up ratio:</source>
        <translation>预热比例：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="348"/>
        <source>Weight decay:</source>
        <translation>权重衰减：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="350"/>
        <source>Processes:</source>
        <translation>进程数：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="351"/>
        <source>Threads:</source>
        <translation>线程数：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="352"/>
        <source>Checkpoint every:</source>
        <translation>检查点间隔：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="353"/>
        <source>Evaluate every:</source>
        <translation>评估间隔：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="354"/>
        <source>Evaluation questions:</source>
        <translation>评估问题数：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="355"/>
        <source>Max sequence length:</source>
        <translation>最大序列长度：</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="380"/>
        <source>Give the run a folder name (no &apos;/&apos;, not starting with &apos;.&apos;).</source>
        <translation>请为该运行指定文件夹名（不含“/”，不以“.”开头）。</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="381"/>
        <source>No runs directory is set.</source>
        <translation>尚未设置运行目录。</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="383"/>
        <source>A run named &quot;%1&quot; already exists.</source>
        <translation>名为“%1”的运行已存在。</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="396"/>
        <source>The studio has no model open; choose a directory or a size preset.</source>
        <translation>Studio 中未打开模型；请选择目录或尺寸预设。</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="402"/>
        <source>&quot;%1&quot; is not a model directory (no config.json).</source>
        <translation>“%1”不是模型目录（没有 config.json）。</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="407"/>
        <source>No size preset is available.</source>
        <translation>没有可用的尺寸预设。</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="227"/>
        <location filename="../ui/training/new_run_dialog.cpp" line="421"/>
        <source>Invalid schedule for this model: %1</source>
        <translation>该模型的调度无效：%1</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="333"/>
        <source>CPU threads of each process (0 = LibTorch&apos;s default)</source>
        <translation>每个进程的 CPU 线程数（0 = LibTorch 默认）</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="335"/>
        <source>Data-parallel processes on this machine (llavolta launch): each takes its share of every global batch, which is processes × batch size</source>
        <translation>本机上的数据并行进程（llavolta launch）：每个进程处理每个全局批次中的一份，全局批次为 进程数 × 批大小</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="446"/>
        <source>The conversation JSON &quot;%1&quot; does not exist.</source>
        <translation>对话 JSON“%1”不存在。</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="447"/>
        <source>The image folder &quot;%1&quot; does not exist.</source>
        <translation>图像文件夹“%1”不存在。</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="449"/>
        <source>The question file &quot;%1&quot; does not exist.</source>
        <translation>问题文件“%1”不存在。</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="458"/>
        <source>The learning rate must be a positive number, e.g. 2e-4.</source>
        <translation>学习率必须为正数，例如 2e-4。</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="460"/>
        <source>The alignment learning rate must be a positive number, e.g. 1e-3.</source>
        <translation>对齐学习率必须为正数，例如 1e-3。</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::PreferencesDialog</name>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="20"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="23"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="24"/>
        <source>CUDA (GPU)</source>
        <translation>CUDA（GPU）</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="27"/>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="28"/>
        <source>bfloat16</source>
        <translation>bfloat16</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="29"/>
        <source>float16</source>
        <translation>float16</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="33"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="35"/>
        <source>CPU threads for LibTorch (this machine has %1)</source>
        <translation>LibTorch 使用的 CPU 线程数（本机有 %1 个）</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="37"/>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="45"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="54"/>
        <source>Runs Directory</source>
        <translation>运行目录</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="57"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="58"/>
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="59"/>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="60"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="61"/>
        <source>Default scheme</source>
        <translation>默认方案</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="62"/>
        <source>Runs directory</source>
        <translation>运行目录</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="63"/>
        <source>Device, data type and threads apply to the next model load; the language to the next start.</source>
        <translation>设备、数据类型和线程数在下次加载模型时生效；语言在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ScheduleEditor</name>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="49"/>
        <source>(custom)</source>
        <translation>（自定义）</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="51"/>
        <source>Start from one of the paper&apos;s schedules; the table below stays editable</source>
        <translation>从论文中的某个调度开始；下方表格仍可编辑</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="55"/>
        <source>Scheme (spec or layer/stride)</source>
        <translation>方案（spec 或 层/步幅）</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="55"/>
        <source>Until (fraction or step)</source>
        <translation>截至（比例或步数）</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="72"/>
        <source>Scheme of the stage that &quot;Add stage&quot; inserts, with its default parameters</source>
        <translation>“添加阶段”插入的阶段所用的方案及其默认参数</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="73"/>
        <source>Add stage</source>
        <translation>添加阶段</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="74"/>
        <source>Remove stage</source>
        <translation>移除阶段</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="77"/>
        <source>Scheme used by evaluation after training (none = full visual context)</source>
        <translation>训练后评估所用的方案（none = 完整视觉上下文）</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="84"/>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="90"/>
        <source>Test-time scheme:</source>
        <translation>测试时方案：</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="174"/>
        <source>Stage %1: &quot;until&quot; must be a number (a fraction of training up to 1, or a step).</source>
        <translation>阶段 %1：“until”必须是数字（不超过 1 的训练比例，或步数）。</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="178"/>
        <source>Stage %1: the scheme is empty.</source>
        <translation>阶段 %1：方案为空。</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="190"/>
        <source>Invalid schedule: %1</source>
        <translation>调度无效：%1</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ScheduleTimeline</name>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="232"/>
        <source>invalid schedule</source>
        <translation>调度无效</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="245"/>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::SchemeSelector</name>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="79"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="80"/>
        <source>Scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="113"/>
        <source>Choose a preset…</source>
        <translation>选择预设…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="128"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="150"/>
        <source>Unknown scheme &quot;%1&quot;</source>
        <translation>未知方案“%1”</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::TrainingPlots</name>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="53"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="53"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="54"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="54"/>
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="55"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="55"/>
        <source>samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="56"/>
        <source>Visual tokens per sample</source>
        <translation>每个样本的视觉 token</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="56"/>
        <source>#Tokens (sum over layers)</source>
        <translation>#Tokens（各层之和）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="94"/>
        <source>stage %1 %2</source>
        <translation>阶段 %1 %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="102"/>
        <source>per-patch word loss</source>
        <translation>逐图块词损失</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="103"/>
        <source>attention grounding loss</source>
        <translation>注意力定位损失</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="104"/>
        <source>prompt loss</source>
        <translation>提示词损失</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::TrainingWorkspace</name>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="56"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="56"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="56"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="56"/>
        <source>Last loss</source>
        <translation>最新损失</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="56"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="59"/>
        <source>Select several runs to overlay their loss curves</source>
        <translation>选择多个运行以叠加显示其损失曲线</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="67"/>
        <source>New Run…</source>
        <translation>新建运行…</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="69"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="71"/>
        <source>Write a checkpoint and stop; Resume continues from it</source>
        <translation>写入检查点并停止；“继续”将从该检查点接着运行</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="72"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="74"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="76"/>
        <source>Write a checkpoint and end the run</source>
        <translation>写入检查点并结束运行</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="77"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="93"/>
        <source>Open in Chat</source>
        <translation>在聊天中打开</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="109"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="110"/>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="263"/>
        <source>Run &quot;%1&quot; ended unexpectedly; its checkpoints and metrics are kept (see the log). Resume continues from the newest checkpoint.</source>
        <translation>运行“%1”意外结束；其检查点和指标已保留（见日志）。“继续”将从最新的检查点接着运行。</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="265"/>
        <source>Run %1: %2</source>
        <translation>运行 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="310"/>
        <source>Select a run, or start one with New Run…</source>
        <translation>请选择一个运行，或通过“新建运行…”开始一个</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="325"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="326"/>
        <source> · %1 processes</source>
        <translation> · %1 个进程</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="329"/>
        <source> · step %1/%2 · stage %3 (%4) · loss %5</source>
        <translation> · 步 %1/%2 · 阶段 %3（%4）· 损失 %5</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="335"/>
        <source> · ETA %1</source>
        <translation> · 预计剩余 %1</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="338"/>
        <source> · eval accuracy %1%</source>
        <translation> · 评估准确率 %1%</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="388"/>
        <source>No runs directory is set.</source>
        <translation>尚未设置运行目录。</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="401"/>
        <source>Cannot create the run folder &quot;%1&quot;.</source>
        <translation>无法创建运行文件夹“%1”。</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="411"/>
        <location filename="../ui/training/training_workspace.cpp" line="435"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="481"/>
        <source>Could not start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="491"/>
        <source>Resumed run %1</source>
        <translation>已继续运行 %1</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="491"/>
        <source>Started run %1</source>
        <translation>已开始运行 %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="34"/>
        <source>LLaVolta Studio: chat with LLaVA-style models under visual context compression, see what compression does, train and benchmark.</source>
        <translation>LLaVolta Studio：在视觉上下文压缩下与 LLaVA 类模型对话，查看压缩的效果，训练并进行基准测试。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="40"/>
        <source>Model folder to open (default: the bundled demo model).</source>
        <translation>要打开的模型文件夹（默认：内置演示模型）。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="42"/>
        <source>Image to open in the chat.</source>
        <translation>在聊天中打开的图像。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="46"/>
        <source>Run a chat and a compression trace, save one PNG per workspace into DIR, quit.</source>
        <translation>运行一次聊天和一次压缩追踪，为每个工作区在 DIR 中保存一张 PNG，然后退出。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="50"/>
        <source>Training runs folder for this session (benchmark results go to its benchmarks/ sub-folder).</source>
        <translation>本次会话的训练运行文件夹（基准测试结果保存在其 benchmarks/ 子文件夹中）。</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="54"/>
        <source>Window size, e.g. 1024x700 (screenshots default to 1400x900).</source>
        <translation>窗口大小，例如 1024x700（截图默认 1400x900）。</translation>
    </message>
</context>
</TS>
