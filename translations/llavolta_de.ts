<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/benchmark/benchmark_result.cpp" line="67"/>
        <source>accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_result.cpp" line="214"/>
        <source>%1 is not a saved benchmark (%2)</source>
        <translation>%1 ist kein gespeicherter Benchmark (%2)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="56"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="25"/>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
</context>
<context>
    <name>SchemeTexts</name>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="12"/>
        <source>no compression: all visual tokens reach every layer</source>
        <translation>keine Kompression: alle visuellen Tokens erreichen jede Schicht</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="13"/>
        <source>Visual Context Compressor (LLaVolta): 1D average pooling of the visual tokens at layer K with kernel = stride S, positions pooled and floored; like the paper&apos;s avg_pool1d, a partial last window is dropped unless tail=keep</source>
        <translation>Visual Context Compressor (LLaVolta): 1D-Average-Pooling der visuellen Tokens in Schicht K mit Kernel = Schrittweite S, Positionen gepoolt und abgerundet; wie avg_pool1d des Papers wird ein unvollständiges letztes Fenster verworfen, außer mit tail=keep</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="14"/>
        <source>decoder layer K where pooling happens; -1 pools the projected features before the LLM</source>
        <translation>Decoder-Schicht K, in der gepoolt wird; -1 poolt die projizierten Merkmale vor dem LLM</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="15"/>
        <source>pooling kernel = stride S along the visual sequence</source>
        <translation>Pooling-Kernel = Schrittweite S entlang der visuellen Sequenz</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="16"/>
        <source>when S does not divide the visual tokens: drop the L mod S trailing tokens, as the paper&apos;s avg_pool1d (floor(L/S) tokens), or keep them pooled as one extra, shorter window (ceil(L/S) tokens)</source>
        <translation>wenn S die Zahl der visuellen Tokens nicht teilt: die L mod S letzten Tokens verwerfen wie avg_pool1d des Papers (floor(L/S) Tokens) oder sie als ein zusätzliches, kürzeres Fenster gepoolt behalten (ceil(L/S) Tokens)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="17"/>
        <source>2D average pooling of the visual tokens over S x S windows of the patch grid at layer K; when S does not divide the grid side, the edge windows are kept smaller (ceil_mode on)</source>
        <translation>2D-Average-Pooling der visuellen Tokens über S x S-Fenster des Patch-Rasters in Schicht K; teilt S die Rasterseite nicht, bleiben die Randfenster kleiner (ceil_mode an)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="18"/>
        <source>window side S: each S x S block of patches becomes one token, ceil(side / S)^2 in all</source>
        <translation>Fensterseite S: jeder S x S-Block von Patches wird ein Token, insgesamt ceil(Seite / S)^2</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="19"/>
        <source>FastV: keep the visual tokens the last prompt token attends to most at layer K-1 (head-averaged)</source>
        <translation>FastV: behält die visuellen Tokens, auf die das letzte Prompt-Token in Schicht K-1 am stärksten achtet (über die Heads gemittelt)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="20"/>
        <source>decoder layer K from which the dropped tokens are gone (ranked by layer K-1&apos;s attention); 1..N</source>
        <translation>Decoder-Schicht K, ab der die verworfenen Tokens fehlen (nach der Attention von Schicht K-1 geordnet); 1..N</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="21"/>
        <source>fraction R of the visual tokens kept, in (0, 1]</source>
        <translation>Anteil R der behaltenen visuellen Tokens, in (0, 1]</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="22"/>
        <source>PyramidDrop: at each listed layer keep the top fraction of the remaining visual tokens by the last prompt token&apos;s attention</source>
        <translation>PyramidDrop: behält in jeder genannten Schicht den obersten Anteil der verbleibenden visuellen Tokens nach der Attention des letzten Prompt-Tokens</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="23"/>
        <source>decoder layers where a drop happens, joined by &apos;+&apos;, strictly increasing; each 1..N</source>
        <translation>Decoder-Schichten, in denen verworfen wird, mit &apos;+&apos; verbunden, streng aufsteigend; jeweils 1..N</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="24"/>
        <source>fraction of the remaining visual tokens kept at each listed layer, in (0, 1]</source>
        <translation>Anteil der verbleibenden visuellen Tokens, der in jeder genannten Schicht behalten wird, in (0, 1]</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="25"/>
        <source>Random drop: keep a seeded random subset of the visual tokens at layer K (the usual baseline)</source>
        <translation>Zufälliges Verwerfen: behält eine zufällige Teilmenge der visuellen Tokens mit festem Seed in Schicht K (die übliche Vergleichsbasis)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="26"/>
        <source>decoder layer K from which the dropped tokens are gone; -1 drops before the LLM</source>
        <translation>Decoder-Schicht K, ab der die verworfenen Tokens fehlen; -1 verwirft vor dem LLM</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="27"/>
        <source>fraction of the visual tokens kept, in (0, 1]</source>
        <translation>Anteil der behaltenen visuellen Tokens, in (0, 1]</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="28"/>
        <source>seed of the choice (the same tokens for every sample and run)</source>
        <translation>Seed der Auswahl (dieselben Tokens für jede Probe und jeden Lauf)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="29"/>
        <source>ToMe: bipartite soft matching on head-averaged keys, size-weighted merges until the kept fraction remains</source>
        <translation>ToMe: bipartites weiches Matching auf über die Heads gemittelten Keys, größengewichtete Verschmelzungen, bis der behaltene Anteil übrig ist</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="30"/>
        <source>decoder layer K where merging happens (keys of layer K); -1 merges the projected features</source>
        <translation>Decoder-Schicht K, in der verschmolzen wird (Keys von Schicht K); -1 verschmilzt die projizierten Merkmale</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="31"/>
        <source>fraction of the visual tokens left after merging, in (0, 1]</source>
        <translation>Anteil der visuellen Tokens, der nach dem Verschmelzen übrig bleibt, in (0, 1]</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="32"/>
        <source>K-means: cluster the visual hidden states at layer K and replace each cluster by its mean</source>
        <translation>K-Means: gruppiert die visuellen Hidden States in Schicht K und ersetzt jede Gruppe durch ihren Mittelwert</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="33"/>
        <source>decoder layer K where clustering happens; -1 clusters the projected features</source>
        <translation>Decoder-Schicht K, in der gruppiert wird; -1 gruppiert die projizierten Merkmale</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="34"/>
        <source>number of clusters C = visual tokens left (at most the model&apos;s visual tokens)</source>
        <translation>Zahl der Cluster C = verbleibende visuelle Tokens (höchstens so viele, wie das Modell hat)</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="35"/>
        <source>Lloyd iterations from evenly spaced starting tokens</source>
        <translation>Lloyd-Iterationen ab gleichmäßig verteilten Start-Tokens</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="36"/>
        <source>VisionZip: before the LLM keep the patches with the most [CLS] attention and merge the rest into contextual tokens</source>
        <translation>VisionZip: behält vor dem LLM die Patches mit der meisten [CLS]-Attention und verschmilzt den Rest zu Kontext-Tokens</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="37"/>
        <source>patches kept because the vision tower&apos;s [CLS] attends to them most</source>
        <translation>Patches, die behalten werden, weil das [CLS] des Vision-Towers am meisten auf sie achtet</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_texts.cpp" line="38"/>
        <source>tokens the other patches are merged into (by similarity to evenly spaced targets)</source>
        <translation>Tokens, in die die übrigen Patches verschmolzen werden (nach Ähnlichkeit zu gleichmäßig verteilten Zielen)</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="34"/>
        <source>%1 → %2 visual tokens · #Tokens %3 · CR %4× · %5 TFLOPs prefill · %6 ms prefill · %7 tokens/s</source>
        <translation>%1 → %2 visuelle Tokens · #Tokens %3 · CR %4× · %5 TFLOPs Prefill · %6 ms Prefill · %7 Tokens/s</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="55"/>
        <source>%1 (in the first column, before Compare was switched on)</source>
        <translation>%1 (in der ersten Spalte, bevor Vergleichen eingeschaltet wurde)</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="68"/>
        <source>Image:</source>
        <translation>Bild:</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="69"/>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="71"/>
        <source>Scheme:</source>
        <translation>Verfahren:</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="73"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="76"/>
        <source>(stopped)</source>
        <translation>(angehalten)</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="78"/>
        <location filename="../ui/chat/transcript.cpp" line="106"/>
        <source>Error: </source>
        <translation>Fehler: </translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="79"/>
        <location filename="../ui/chat/transcript.cpp" line="106"/>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="83"/>
        <location filename="../ui/chat/transcript.cpp" line="108"/>
        <source>stopped before the prefill finished: no statistics</source>
        <translation>vor Ende des Prefills angehalten: keine Statistik</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="86"/>
        <source>Next question under:</source>
        <translation>Nächste Frage unter:</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="92"/>
        <source>LLaVolta conversation</source>
        <translation>LLaVolta-Unterhaltung</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="95"/>
        <location filename="../ui/chat/transcript.cpp" line="102"/>
        <source>Image: %1</source>
        <translation>Bild: %1</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="98"/>
        <source>Column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="103"/>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="104"/>
        <source>Scheme: `%1`</source>
        <translation>Verfahren: `%1`</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="105"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::BenchmarkPlot</name>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="25"/>
        <source>prefill TFLOPs per sample</source>
        <translation>Prefill-TFLOPs pro Beispiel</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="26"/>
        <source>accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="181"/>
        <source>Pareto frontier</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="195"/>
        <source>paper (LLaVA-1.5-7B)</source>
        <translation>Paper (LLaVA-1.5-7B)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="287"/>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="289"/>
        <source>%1
%2
%10 %3%11 ± %8 (%9 questions)
%4 TFLOPs · #Tokens %5 · CR %6 · %7 ms</source>
        <translation>%1
%2
%10 %3%11 ± %8 (%9 Fragen)
%4 TFLOPs · #Tokens %5 · CR %6 · %7 ms</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="301"/>
        <source>paper: %1
%2 at %3 TFLOPs</source>
        <translation>Paper: %1
%2 bei %3 TFLOPs</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="304"/>
        <source>%1 points here:</source>
        <translation>%1 Punkte hier:</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::BenchmarkRunner</name>
    <message>
        <location filename="../ui/benchmark/benchmark_runner.cpp" line="54"/>
        <source>could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_runner.cpp" line="82"/>
        <source>the process crashed</source>
        <translation>der Prozess ist abgestürzt</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_runner.cpp" line="82"/>
        <source>exit code %1</source>
        <translation>Exit-Code %1</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_runner.cpp" line="88"/>
        <source>the CLI printed no JSON result</source>
        <translation>die CLI hat kein JSON-Ergebnis ausgegeben</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_runner.cpp" line="96"/>
        <source>the CLI&apos;s result could not be read: %1</source>
        <translation>das Ergebnis der CLI ist nicht lesbar: %1</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::BenchmarkWorkspace</name>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="86"/>
        <source>No verified reference points are installed (%1 holds none)</source>
        <translation>Es sind keine geprüften Referenzpunkte installiert (%1 enthält keine)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="90"/>
        <source>Benchmarks saved in the results directory</source>
        <translation>Im Ergebnisordner gespeicherte Benchmarks</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="113"/>
        <source>The benchmark the plot shows: each has its own metric</source>
        <translation>Der Benchmark, den das Diagramm zeigt: jeder hat seine eigene Metrik</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="120"/>
        <source>Saved:</source>
        <translation>Gespeichert:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="124"/>
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="96"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="167"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="81"/>
        <source>Paper&apos;s points</source>
        <translation>Paper-Punkte</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="83"/>
        <source>Show the paper&apos;s LLaVA-1.5-7B points: published numbers of the reference model, for comparing real checkpoints</source>
        <translation>Die LLaVA-1.5-7B-Punkte des Papers zeigen: veröffentlichte Werte des Referenzmodells, zum Vergleich echter Checkpoints</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="100"/>
        <source>Results as CSV…</source>
        <translation>Ergebnisse als CSV…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="101"/>
        <source>Results as JSON…</source>
        <translation>Ergebnisse als JSON…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="102"/>
        <source>Plot as PNG…</source>
        <translation>Diagramm als PNG…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="103"/>
        <source>Plot as PDF…</source>
        <translation>Diagramm als PDF…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="169"/>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
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
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="175"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="183"/>
        <source>%1 of %2: %3</source>
        <translation>%1 von %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="194"/>
        <source>Could not save results to %1: %2</source>
        <translation>Die Ergebnisse konnten nicht unter %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="203"/>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="210"/>
        <source>cancelled after %v of %m jobs</source>
        <translation>abgebrochen nach %v von %m Aufträgen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="212"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="217"/>
        <source>Cancelled; %1 results kept</source>
        <translation>Abgebrochen; %1 Ergebnisse behalten</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="218"/>
        <source>Done: %1 results</source>
        <translation>Fertig: %1 Ergebnisse</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="231"/>
        <source>Models and checkpoints</source>
        <translation>Modelle und Checkpoints</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="234"/>
        <source>Checked models are benchmarked</source>
        <translation>Die markierten Modelle werden getestet</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="235"/>
        <source>Add directory…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="236"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="244"/>
        <source>Model or checkpoint directory</source>
        <translation>Modell- oder Checkpoint-Ordner</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="250"/>
        <source>Evaluation set</source>
        <translation>Evaluationsdatensatz</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="251"/>
        <source>Generated Shapes-VQA test split</source>
        <translation>Generierter Shapes-VQA-Testsplit</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="254"/>
        <source>LLaVA question file with answers</source>
        <translation>LLaVA-Fragendatei mit Antworten</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="256"/>
        <source>Questions to generate (one per image)</source>
        <translation>Zu generierende Fragen (eine pro Bild)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="257"/>
        <source>The same seed gives the same test split</source>
        <translation>Derselbe Seed ergibt denselben Testsplit</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="258"/>
        <source>Image side in pixels</source>
        <translation>Bildseitenlänge in Pixeln</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="259"/>
        <source>Add LLaVA&apos;s short-answer hint</source>
        <translation>LLaVAs Kurzantwort-Hinweis anhängen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="261"/>
        <source>Append &quot;Answer the question using a single word or phrase.&quot; to each question, as LLaVA-1.5&apos;s evaluation does; leave it off for models trained without it, like the demo model</source>
        <translation>Hängt „Answer the question using a single word or phrase.“ an jede Frage an, wie es die Auswertung von LLaVA-1.5 tut; für Modelle, die ohne diesen Hinweis trainiert wurden (wie das Demo-Modell), ausgeschaltet lassen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="265"/>
        <source>questions.jsonl</source>
        <translation>questions.jsonl</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="268"/>
        <source>default: answers.jsonl beside the questions</source>
        <translation>Standard: answers.jsonl neben den Fragen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="269"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="295"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="271"/>
        <source>LLaVA question file</source>
        <translation>LLaVA-Fragendatei</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="271"/>
        <source>JSONL (*.jsonl);;All files (*)</source>
        <translation>JSONL (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="277"/>
        <source>LLaVA-1.5 benchmark</source>
        <translation>LLaVA-1.5-Benchmark</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="279"/>
        <source>A benchmark of LLaVA-1.5&apos;s evaluation suite, scored with its own metric, from a folder in the layout of LLaVA&apos;s evaluation guide (playground/data/eval/&lt;benchmark&gt;)</source>
        <translation>Ein Benchmark aus LLaVA-1.5s Evaluationssuite, mit seiner eigenen Metrik bewertet, aus einem Ordner im Aufbau von LLaVAs Evaluationsanleitung (playground/data/eval/&lt;benchmark&gt;)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="287"/>
        <source>%1: %2
Files in its folder (%3/): %4</source>
        <translation>%1: %2
Dateien in seinem Ordner (%3/): %4</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="294"/>
        <source>playground/data/eval/&lt;benchmark&gt;</source>
        <translation>playground/data/eval/&lt;benchmark&gt;</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="297"/>
        <source>Benchmark folder</source>
        <translation>Benchmark-Ordner</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="314"/>
        <source>Questions per evaluation (0 = all)</source>
        <translation>Fragen pro Evaluation (0 = alle)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="317"/>
        <source>Questions:</source>
        <translation>Fragen:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="318"/>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="319"/>
        <source>Image size:</source>
        <translation>Bildgröße:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="322"/>
        <source>Question file:</source>
        <translation>Fragendatei:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="323"/>
        <source>Answer file:</source>
        <translation>Antwortdatei:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="325"/>
        <source>Benchmark:</source>
        <translation>Benchmark:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="326"/>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="327"/>
        <source>Sample limit:</source>
        <translation>Beispiel-Limit:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="330"/>
        <source>Schemes and parameter sweeps</source>
        <translation>Verfahren und Parameter-Sweeps</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="333"/>
        <source>Scheme / parameter</source>
        <translation>Verfahren / Parameter</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="335"/>
        <source>Each checked scheme runs for every combination of its parameter values</source>
        <translation>Jedes markierte Verfahren läuft für jede Kombination seiner Parameterwerte</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="352"/>
        <source>Run benchmark</source>
        <translation>Benchmark ausführen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="354"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="506"/>
        <source>Show the paper&apos;s LLaVA-1.5-7B points: its published numbers for %1, for comparing real checkpoints</source>
        <translation>Die LLaVA-1.5-7B-Punkte des Papers zeigen: seine veröffentlichten Werte für %1, zum Vergleich echter Checkpoints</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="681"/>
        <source>Benchmark</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="681"/>
        <source>Score</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="681"/>
        <source>± SE</source>
        <translation>± SF</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="178"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="358"/>
        <source>jobs %v/%m</source>
        <translation>Aufträge %v/%m</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="179"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="361"/>
        <source>questions %v/%m</source>
        <translation>Fragen %v/%m</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="333"/>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="334"/>
        <source>Comma-separated values; each combination runs</source>
        <translation>Durch Kommas getrennte Werte; jede Kombination läuft</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="391"/>
        <source>Comma-separated values; default %1</source>
        <translation>Kommagetrennte Werte; Standard %1</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="420"/>
        <source>Scheme %1: give at least one value for &quot;%2&quot;.</source>
        <translation>Verfahren %1: Geben Sie mindestens einen Wert für „%2“ an.</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="433"/>
        <source>Scheme %1: %2</source>
        <translation>Verfahren %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="440"/>
        <source>Check at least one scheme.</source>
        <translation>Markieren Sie mindestens ein Verfahren.</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="507"/>
        <source>GQA</source>
        <translation>GQA</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="508"/>
        <source>The papers give no LLaVA-1.5-7B numbers for this benchmark</source>
        <translation>Die Paper nennen für diesen Benchmark keine Werte von LLaVA-1.5-7B</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="522"/>
        <source>Shapes-VQA / question files</source>
        <translation>Shapes-VQA / Fragedateien</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="548"/>
        <source>No results directory is set.</source>
        <translation>Es ist kein Ergebnisordner festgelegt.</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="555"/>
        <source>Check at least one model (Add directory… adds a model or checkpoint).</source>
        <translation>Markieren Sie mindestens ein Modell („Ordner hinzufügen…“ fügt ein Modell oder einen Checkpoint hinzu).</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="560"/>
        <source>%1 is not a model directory (no config.json).</source>
        <translation>%1 ist kein Modellordner (keine config.json).</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="582"/>
        <source>generate Shapes-VQA test split</source>
        <translation>Shapes-VQA-Testsplit generieren</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="589"/>
        <source>The %1 folder &quot;%2&quot; does not exist. Point at the benchmark&apos;s folder in LLaVA&apos;s layout (playground/data/eval/…).</source>
        <translation>Der %1-Ordner „%2“ existiert nicht. Wählen Sie den Ordner des Benchmarks im Aufbau von LLaVA (playground/data/eval/…).</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="608"/>
        <source>%1 on %2 under %3</source>
        <translation>%1 auf %2 unter %3</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="625"/>
        <source>The question file &quot;%1&quot; does not exist.</source>
        <translation>Die Fragendatei „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="629"/>
        <source>The answer file &quot;%1&quot; does not exist.</source>
        <translation>Die Antwortdatei „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="639"/>
        <source>%1 under %2</source>
        <translation>%1 mit %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="670"/>
        <source>Could not load %1: %2</source>
        <translation>%1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="681"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="681"/>
        <source>Scheme</source>
        <translation>Verfahren</translation>
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
        <translation>Latenz ms</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="703"/>
        <source>accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="707"/>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="710"/>
        <source>Standard error of the score over %n question(s)</source>
        <translation>
            <numerusform>Standardfehler des Werts über %n Frage</numerusform>
            <numerusform>Standardfehler des Werts über %n Fragen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="711"/>
        <source>This metric has no standard error over questions</source>
        <translation>Diese Metrik hat keinen Standardfehler über Fragen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="727"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="734"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="740"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="746"/>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ChatInput</name>
    <message>
        <location filename="../ui/chat/chat_input.cpp" line="27"/>
        <source>pasted image</source>
        <translation>eingefügtes Bild</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ChatWorkspace</name>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="52"/>
        <source>Open Image…</source>
        <translation>Bild öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="55"/>
        <source>Compression scheme</source>
        <translation>Kompressionsverfahren</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="60"/>
        <source>Compare with a second scheme</source>
        <translation>Mit einem zweiten Verfahren vergleichen</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="70"/>
        <source>Sampling</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="78"/>
        <source>0 = greedy decoding</source>
        <translation>0 = gierige Dekodierung</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="84"/>
        <source>Nucleus sampling: keep the smallest set of tokens whose probability reaches p (1 = off)</source>
        <translation>Nucleus-Sampling: die kleinste Tokenmenge behalten, deren Wahrscheinlichkeit p erreicht (1 = aus)</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="88"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="89"/>
        <source>Sample among the k most likely tokens only (0 = off)</source>
        <translation>Nur unter den k wahrscheinlichsten Tokens wählen (0 = aus)</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="95"/>
        <source>Penalty on tokens already in the answer, as transformers&apos; repetition_penalty (1 = off)</source>
        <translation>Strafe für Tokens, die schon in der Antwort stehen, wie repetition_penalty in transformers (1 = aus)</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="99"/>
        <source>The same seed gives the same sampled answer</source>
        <translation>Derselbe Seed ergibt dieselbe gesampelte Antwort</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="100"/>
        <source>Max new tokens</source>
        <translation>Max. neue Tokens</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="101"/>
        <source>Temperature</source>
        <translation>Temperatur</translation>
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
        <translation>Wiederholungsstrafe</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="105"/>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="132"/>
        <source>Ask about the image… (Ctrl+Return sends)</source>
        <translation>Fragen Sie etwas zum Bild… (Strg+Eingabe sendet)</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="136"/>
        <source>New Conversation</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="137"/>
        <source>Copy Transcript</source>
        <translation>Verlauf kopieren</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="138"/>
        <source>Save Transcript…</source>
        <translation>Verlauf speichern…</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="139"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="141"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="176"/>
        <source>&lt;p&gt;No model is loaded.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Es ist kein Modell geladen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="202"/>
        <source>The image could not be read.</source>
        <translation>Das Bild konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="225"/>
        <source>Open Image</source>
        <translation>Bild öffnen</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="226"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="274"/>
        <source>No model is loaded. Open one with File &gt; Open Model.</source>
        <translation>Es ist kein Modell geladen. Öffnen Sie eines mit Datei &gt; Modell öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="278"/>
        <source>No image. Open, drop or paste an image first.</source>
        <translation>Kein Bild. Öffnen, ziehen oder fügen Sie zuerst ein Bild ein.</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="282"/>
        <source>Type a question first.</source>
        <translation>Geben Sie zuerst eine Frage ein.</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="290"/>
        <source>Invalid scheme &quot;%1&quot;: %2</source>
        <translation>Ungültiges Verfahren „%1“: %2</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="313"/>
        <source>Generating…</source>
        <translation>Generiere…</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="356"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="356"/>
        <source>Answer complete</source>
        <translation>Antwort fertig</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="427"/>
        <source>Transcript copied to the clipboard</source>
        <translation>Verlauf in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="432"/>
        <source>Save Transcript</source>
        <translation>Verlauf speichern</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="433"/>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation>Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="438"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="442"/>
        <source>Transcript saved to %1</source>
        <translation>Verlauf gespeichert unter %1</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::CompressionWorkspace</name>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="44"/>
        <source>Scheme A</source>
        <translation>Verfahren A</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="51"/>
        <source>Side by side with scheme B</source>
        <translation>Nebeneinander mit Verfahren B</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="54"/>
        <source>Scheme B</source>
        <translation>Verfahren B</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="63"/>
        <source>Question the prefill runs on</source>
        <translation>Frage, mit der das Prefill läuft</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="64"/>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="66"/>
        <source>Run Prefill</source>
        <translation>Prefill ausführen</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="69"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="71"/>
        <source>Token groups (merged patches share a colour)</source>
        <translation>Token-Gruppen (zusammengefasste Patches teilen eine Farbe)</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="72"/>
        <source>Attention of the last prompt token</source>
        <translation>Attention des letzten Prompt-Tokens</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="77"/>
        <source>Export PNG…</source>
        <translation>PNG exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="108"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="179"/>
        <source>No model is loaded. Open one with File &gt; Open Model.</source>
        <translation>Es ist kein Modell geladen. Öffnen Sie eines mit Datei &gt; Modell öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="183"/>
        <source>No image. Open one in the Chat workspace or with File &gt; Open Image.</source>
        <translation>Kein Bild. Öffnen Sie eines im Chat-Bereich oder mit Datei &gt; Bild öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="191"/>
        <source>Invalid scheme &quot;%1&quot;: %2</source>
        <translation>Ungültiges Verfahren „%1“: %2</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="197"/>
        <source>Describe the image.</source>
        <translation>Beschreibe das Bild.</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="209"/>
        <source>Running the prefill…</source>
        <translation>Prefill läuft…</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="224"/>
        <source>Compression trace ready</source>
        <translation>Kompressionsverlauf bereit</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="246"/>
        <source>Run the prefill to see scheme %1</source>
        <translation>Prefill ausführen, um Verfahren %1 zu sehen</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="247"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="255"/>
        <source>%1 — %2 tokens at layer %3</source>
        <translation>%1 — %2 Tokens in Schicht %3</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="257"/>
        <source>no attention before the LLM</source>
        <translation>keine Attention vor dem LLM</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="257"/>
        <source>no attention recorded</source>
        <translation>keine Attention aufgezeichnet</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="261"/>
        <source>before the LLM (projected features)</source>
        <translation>vor dem LLM (projizierte Merkmale)</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="262"/>
        <source>layer %1 of %2</source>
        <translation>Schicht %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="263"/>
        <source>tokens </source>
        <translation>Tokens </translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="273"/>
        <source>decoder layer</source>
        <translation>Decoder-Schicht</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="274"/>
        <source>visual tokens</source>
        <translation>visuelle Tokens</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="276"/>
        <source>cumulative LLM GFLOPs</source>
        <translation>kumulierte LLM-GFLOPs</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="303"/>
        <source>%1: visual tokens</source>
        <translation>%1: visuelle Tokens</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="309"/>
        <source>%1: cumulative GFLOPs</source>
        <translation>%1: kumulierte GFLOPs</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="320"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="333"/>
        <source>Export PNG</source>
        <translation>PNG exportieren</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="333"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="335"/>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="336"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ImageDropArea</name>
    <message>
        <location filename="../ui/chat/image_drop_area.cpp" line="18"/>
        <source>Cannot open &quot;%1&quot; as an image: %2</source>
        <translation>„%1“ kann nicht als Bild geöffnet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/chat/image_drop_area.cpp" line="31"/>
        <source>Drop an image here, paste one (Ctrl+V) or click to open a file</source>
        <translation>Bild hierher ziehen, einfügen (Strg+V) oder klicken, um eine Datei zu öffnen</translation>
    </message>
    <message>
        <location filename="../ui/chat/image_drop_area.cpp" line="68"/>
        <source>dropped image</source>
        <translation>abgelegtes Bild</translation>
    </message>
    <message>
        <location filename="../ui/chat/image_drop_area.cpp" line="83"/>
        <source>pasted image</source>
        <translation>eingefügtes Bild</translation>
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
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="82"/>
        <source>Compression</source>
        <translation>Kompression</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="83"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="84"/>
        <source>Benchmarks</source>
        <translation>Benchmarks</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="89"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="162"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="163"/>
        <source>Open &amp;Model…</source>
        <translation>&amp;Modell öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="165"/>
        <source>Open &amp;Image…</source>
        <translation>&amp;Bild öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="167"/>
        <source>Recent Models</source>
        <translation>Zuletzt geöffnete Modelle</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="168"/>
        <source>Recent Images</source>
        <translation>Zuletzt geöffnete Bilder</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="170"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="173"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="177"/>
        <location filename="../ui/shell/main_window.cpp" line="191"/>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="178"/>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="183"/>
        <source>S&amp;top</source>
        <translation>S&amp;topp</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="186"/>
        <source>&amp;New Conversation</source>
        <translation>&amp;Neue Unterhaltung</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="187"/>
        <source>&amp;Copy Transcript</source>
        <translation>Verlauf &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="188"/>
        <source>Save &amp;Transcript…</source>
        <translation>Verlauf s&amp;peichern…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="190"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="191"/>
        <source>C&amp;ompression</source>
        <translation>K&amp;ompression</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="191"/>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="191"/>
        <source>&amp;Benchmarks</source>
        <translation>&amp;Benchmarks</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="198"/>
        <source>&amp;Log</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="202"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="203"/>
        <source>&amp;About LLaVolta Studio</source>
        <translation>Ü&amp;ber LLaVolta Studio</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="204"/>
        <source>About LLaVolta Studio</source>
        <translation>Über LLaVolta Studio</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="205"/>
        <source>&lt;p&gt;&lt;b&gt;LLaVolta Studio&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Efficient large multimodal models via visual context compression (Chen et al., NeurIPS 2024), in C++ with LibTorch and Qt.&lt;/p&gt;&lt;p&gt;Log file: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;LLaVolta Studio&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Effiziente große multimodale Modelle durch Kompression des visuellen Kontexts (Chen et al., NeurIPS 2024), in C++ mit LibTorch und Qt.&lt;/p&gt;&lt;p&gt;Protokolldatei: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="213"/>
        <location filename="../ui/shell/main_window.cpp" line="335"/>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="216"/>
        <source>Resident memory of the studio process</source>
        <translation>Belegter Arbeitsspeicher des Studio-Prozesses</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="223"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="252"/>
        <source>Memory %1 MiB</source>
        <translation>Speicher %1 MiB</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="269"/>
        <source>&lt;h3&gt;No model is loaded&lt;/h3&gt;&lt;p&gt;The bundled demo model is not in this checkout yet. Either&lt;/p&gt;&lt;ul&gt;&lt;li&gt;train it: &lt;code&gt;bash scripts/train-demo.sh&lt;/code&gt; (it is written to &lt;code&gt;resources/models/demo/&lt;/code&gt; and opened automatically next time), or&lt;/li&gt;&lt;li&gt;open any LLaVA-1.5 checkpoint folder (Hugging Face safetensors + config.json + tokenizer.model) with &lt;b&gt;File &amp;gt; Open Model&lt;/b&gt; (Ctrl+Shift+O), or&lt;/li&gt;&lt;li&gt;make a random model to try the studio: &lt;code&gt;build/bin/llavolta init-model --config resources/configs/demo.json --out /tmp/demo-model&lt;/code&gt; (its answers are noise).&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;Es ist kein Modell geladen&lt;/h3&gt;&lt;p&gt;Das mitgelieferte Demo-Modell ist in diesem Checkout noch nicht vorhanden. Sie können&lt;/p&gt;&lt;ul&gt;&lt;li&gt;es trainieren: &lt;code&gt;bash scripts/train-demo.sh&lt;/code&gt; (es wird nach &lt;code&gt;resources/models/demo/&lt;/code&gt; geschrieben und beim nächsten Start automatisch geöffnet), oder&lt;/li&gt;&lt;li&gt;einen beliebigen LLaVA-1.5-Checkpoint-Ordner (Hugging-Face-safetensors + config.json + tokenizer.model) mit &lt;b&gt;Datei &amp;gt; Modell öffnen&lt;/b&gt; (Strg+Umschalt+O) öffnen, oder&lt;/li&gt;&lt;li&gt;zum Ausprobieren ein Zufallsmodell erzeugen: &lt;code&gt;build/bin/llavolta init-model --config resources/configs/demo.json --out /tmp/demo-model&lt;/code&gt; (seine Antworten sind Rauschen).&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="278"/>
        <source>open one with File &gt; Open Model</source>
        <translation>öffnen Sie eines mit Datei &gt; Modell öffnen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="293"/>
        <source>Open Model Folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="301"/>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="302"/>
        <location filename="../ui/shell/main_window.cpp" line="400"/>
        <source>Loading model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="309"/>
        <location filename="../ui/shell/main_window.cpp" line="330"/>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="310"/>
        <source>Device: %1 (%2)</source>
        <translation>Gerät: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="320"/>
        <source>Model loaded</source>
        <translation>Modell geladen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="332"/>
        <source>%1

%2 stays open.</source>
        <translation>%1

%2 bleibt geöffnet.</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="336"/>
        <source>loading failed</source>
        <translation>Laden fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="337"/>
        <source>&lt;h3&gt;The model could not be loaded&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Open another one with &lt;b&gt;File &amp;gt; Open Model&lt;/b&gt; (Ctrl+Shift+O).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Das Modell konnte nicht geladen werden&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Öffnen Sie ein anderes mit &lt;b&gt;Datei &amp;gt; Modell öffnen&lt;/b&gt; (Strg+Umschalt+O).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="442"/>
        <source>Stop and Quit</source>
        <translation>Anhalten und beenden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="442"/>
        <source>Pause and Quit</source>
        <translation>Pausieren und beenden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="444"/>
        <source>Keep Running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="331"/>
        <location filename="../ui/shell/main_window.cpp" line="340"/>
        <source>Could not load the model</source>
        <translation>Das Modell konnte nicht geladen werden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="345"/>
        <source>Could not open the image</source>
        <translation>Das Bild konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="356"/>
        <source>Open Image</source>
        <translation>Bild öffnen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="356"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="381"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="381"/>
        <source>The new language applies when the studio starts next time.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start des Studios.</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="108"/>
        <location filename="../ui/shell/main_window.cpp" line="112"/>
        <location filename="../ui/shell/main_window.cpp" line="388"/>
        <location filename="../ui/shell/main_window.cpp" line="403"/>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="109"/>
        <location filename="../ui/shell/main_window.cpp" line="403"/>
        <source>Generating</source>
        <translation>Generiere</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="113"/>
        <location filename="../ui/shell/main_window.cpp" line="404"/>
        <source>Running prefill</source>
        <translation>Prefill läuft</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="419"/>
        <source>Loading a model: the load is abandoned.</source>
        <translation>Ein Modell wird geladen: das Laden wird abgebrochen.</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="420"/>
        <source>A chat answer is being generated: it stops where it is.</source>
        <translation>Eine Chat-Antwort wird erzeugt: sie endet an der aktuellen Stelle.</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="422"/>
        <source>Training run &quot;%1&quot;: it is paused. It finishes its step and writes a checkpoint first (this can take up to a minute); resume it later from the Training tab.</source>
        <translation>Trainingslauf „%1“: er wird pausiert. Er beendet zuerst seinen Schritt und schreibt einen Checkpoint (das kann bis zu einer Minute dauern); setzen Sie ihn später im Tab Training fort.</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="426"/>
        <source>Training runs %1: they are paused. Each finishes its step and writes a checkpoint first (this can take up to a minute); resume them later from the Training tab.</source>
        <translation>Trainingsläufe %1: sie werden pausiert. Jeder beendet zuerst seinen Schritt und schreibt einen Checkpoint (das kann bis zu einer Minute dauern); setzen Sie sie später im Tab Training fort.</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="429"/>
        <source>A benchmark: it is cancelled; the results finished so far stay saved.</source>
        <translation>Ein Benchmark: er wird abgebrochen; die bisher fertigen Ergebnisse bleiben gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="431"/>
        <source>&lt;p&gt;This is still running:&lt;/p&gt;&lt;ul&gt;</source>
        <translation>&lt;p&gt;Das läuft noch:&lt;/p&gt;&lt;ul&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="440"/>
        <source>Work is running</source>
        <translation>Es läuft noch etwas</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ModelPanel</name>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="31"/>
        <source>Open Model…</source>
        <translation>Modell öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="32"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="33"/>
        <source>Load the model again with the device, data type and threads chosen here</source>
        <translation>Das Modell mit dem hier gewählten Gerät, Datentyp und den Threads neu laden</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="34"/>
        <location filename="../ui/shell/model_panel.cpp" line="118"/>
        <source>No model</source>
        <translation>Kein Modell</translation>
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
        <translation>auto</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="51"/>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="54"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="56"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="58"/>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="69"/>
        <source>float16 runs on CUDA only; on the CPU use bfloat16</source>
        <translation>float16 läuft nur mit CUDA; auf der CPU bfloat16 verwenden</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="101"/>
        <source>%1 layout · %2 parameters · %3 layers · %4 visual tokens (%5×%5 patches) · %6 / %7</source>
        <translation>Layout %1 · %2 Parameter · %3 Schichten · %4 visuelle Tokens (%5×%5 Patches) · %6 / %7</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="114"/>
        <source>loading…</source>
        <translation>wird geladen…</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::NewRunDialog</name>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="72"/>
        <source>New Training Run</source>
        <translation>Neuer Trainingslauf</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="74"/>
        <source>Folder name of the run inside the runs directory</source>
        <translation>Ordnername des Laufs im Ordner für Läufe</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="77"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="78"/>
        <source>Initial model</source>
        <translation>Ausgangsmodell</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="88"/>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="89"/>
        <source>Hyperparameters</source>
        <translation>Hyperparameter</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="98"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="104"/>
        <source>Run name:</source>
        <translation>Name des Laufs:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="203"/>
        <source>Choose a model to see the stages it will run.</source>
        <translation>Wählen Sie ein Modell, um die Stufen zu sehen, die es durchlaufen wird.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="215"/>
        <source>until %1% (step %2)</source>
        <translation>bis %1% (Schritt %2)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="216"/>
        <source>until step %1</source>
        <translation>bis Schritt %1</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="217"/>
        <source>%1. %2 %3</source>
        <translation>%1. %2 %3</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="220"/>
        <source>On this model (%1 layers, %2 visual tokens; layers written for %3 are rescaled): %4</source>
        <translation>Auf diesem Modell (%1 Schichten, %2 visuelle Tokens; für %3 geschriebene Schichten werden umgerechnet): %4</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="249"/>
        <source>Generate Shapes-VQA</source>
        <translation>Shapes-VQA generieren</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="252"/>
        <source>LLaVA conversation JSON + image folder</source>
        <translation>LLaVA-Konversations-JSON + Bildordner</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="254"/>
        <source>Training images to render</source>
        <translation>Zu rendernde Trainingsbilder</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="255"/>
        <source>The same seed gives the same dataset</source>
        <translation>Derselbe Seed ergibt denselben Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="256"/>
        <source>Image side in pixels</source>
        <translation>Bildseitenlänge in Pixeln</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="257"/>
        <source>Test questions for evaluation during training (0 = none)</source>
        <translation>Testfragen für die Evaluation während des Trainings (0 = keine)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="261"/>
        <source>optional: LLaVA question file (answers.jsonl beside it) for evaluation</source>
        <translation>optional: LLaVA-Fragendatei (mit answers.jsonl daneben) für die Evaluation</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="265"/>
        <source>Images:</source>
        <translation>Bilder:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="266"/>
        <location filename="../ui/training/new_run_dialog.cpp" line="309"/>
        <location filename="../ui/training/new_run_dialog.cpp" line="349"/>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="267"/>
        <source>Image size:</source>
        <translation>Bildgröße:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="268"/>
        <source>Test questions:</source>
        <translation>Testfragen:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="270"/>
        <source>Conversation JSON:</source>
        <translation>Konversations-JSON:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="270"/>
        <source>LLaVA conversation JSON</source>
        <translation>LLaVA-Konversations-JSON</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="271"/>
        <source>Image folder:</source>
        <translation>Bildordner:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="271"/>
        <source>Image folder</source>
        <translation>Bildordner</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="272"/>
        <source>Eval questions:</source>
        <translation>Evaluationsfragen:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="272"/>
        <source>LLaVA question file</source>
        <translation>LLaVA-Fragendatei</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="281"/>
        <source>The studio&apos;s current model (none open)</source>
        <translation>Das aktuelle Modell des Studios (keines geöffnet)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="282"/>
        <source>The studio&apos;s current model: %1</source>
        <translation>Das aktuelle Modell des Studios: %1</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="283"/>
        <source>A model or checkpoint directory</source>
        <translation>Ein Modell- oder Checkpoint-Ordner</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="285"/>
        <source>A new random model from a size preset</source>
        <translation>Ein neues Zufallsmodell aus einer Größenvorgabe</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="292"/>
        <source>Seed of the random weights</source>
        <translation>Seed der Zufallsgewichte</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="293"/>
        <source>Also train the vision tower (needed when it starts random)</source>
        <translation>Auch den Vision-Tower trainieren (nötig, wenn er zufällig initialisiert ist)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="306"/>
        <source>Directory:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="306"/>
        <source>Model directory</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="308"/>
        <source>Size preset:</source>
        <translation>Größenvorgabe:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="317"/>
        <source>Alignment phase (captions, projector only, no compression); 0 = skip</source>
        <translation>Alignment-Phase (Bildunterschriften, nur Projektor, keine Kompression); 0 = überspringen</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="318"/>
        <source>Instruction-tuning phase, where the schedule applies</source>
        <translation>Instruction-Tuning-Phase, in der der Zeitplan gilt</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="337"/>
        <source>Steps between checkpoints (0 = only at phase ends)</source>
        <translation>Schritte zwischen Checkpoints (0 = nur am Ende jeder Phase)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="338"/>
        <source>Steps between evaluations (0 = only at the end)</source>
        <translation>Schritte zwischen Evaluationen (0 = nur am Ende)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="339"/>
        <source>Questions per evaluation (0 = all)</source>
        <translation>Fragen pro Evaluation (0 = alle)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="342"/>
        <source>Alignment steps:</source>
        <translation>Alignment-Schritte:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="343"/>
        <source>Alignment learning rate:</source>
        <translation>Alignment-Lernrate:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="344"/>
        <source>Instruction steps:</source>
        <translation>Instruction-Schritte:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="345"/>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="346"/>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="347"/>
        <source>Warm-up ratio:</source>
        <translation>Warm-up-Anteil:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="348"/>
        <source>Weight decay:</source>
        <translation>Weight Decay:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="350"/>
        <source>Processes:</source>
        <translation>Prozesse:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="351"/>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="352"/>
        <source>Checkpoint every:</source>
        <translation>Checkpoint alle:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="353"/>
        <source>Evaluate every:</source>
        <translation>Evaluation alle:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="354"/>
        <source>Evaluation questions:</source>
        <translation>Evaluationsfragen:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="355"/>
        <source>Max sequence length:</source>
        <translation>Max. Sequenzlänge:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="380"/>
        <source>Give the run a folder name (no &apos;/&apos;, not starting with &apos;.&apos;).</source>
        <translation>Geben Sie dem Lauf einen Ordnernamen (ohne „/“, nicht mit „.“ beginnend).</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="381"/>
        <source>No runs directory is set.</source>
        <translation>Es ist kein Ordner für Läufe festgelegt.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="383"/>
        <source>A run named &quot;%1&quot; already exists.</source>
        <translation>Ein Lauf namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="396"/>
        <source>The studio has no model open; choose a directory or a size preset.</source>
        <translation>Im Studio ist kein Modell geöffnet; wählen Sie einen Ordner oder eine Größenvorgabe.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="402"/>
        <source>&quot;%1&quot; is not a model directory (no config.json).</source>
        <translation>„%1“ ist kein Modellordner (keine config.json).</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="407"/>
        <source>No size preset is available.</source>
        <translation>Es ist keine Größenvorgabe verfügbar.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="227"/>
        <location filename="../ui/training/new_run_dialog.cpp" line="421"/>
        <source>Invalid schedule for this model: %1</source>
        <translation>Ungültiger Zeitplan für dieses Modell: %1</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="333"/>
        <source>CPU threads of each process (0 = LibTorch&apos;s default)</source>
        <translation>CPU-Threads jedes Prozesses (0 = LibTorch-Standard)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="335"/>
        <source>Data-parallel processes on this machine (llavolta launch): each takes its share of every global batch, which is processes × batch size</source>
        <translation>Datenparallele Prozesse auf diesem Rechner (llavolta launch): jeder nimmt seinen Teil jedes globalen Batches, der Prozesse × Batchgröße umfasst</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="446"/>
        <source>The conversation JSON &quot;%1&quot; does not exist.</source>
        <translation>Das Konversations-JSON „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="447"/>
        <source>The image folder &quot;%1&quot; does not exist.</source>
        <translation>Der Bildordner „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="449"/>
        <source>The question file &quot;%1&quot; does not exist.</source>
        <translation>Die Fragendatei „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="458"/>
        <source>The learning rate must be a positive number, e.g. 2e-4.</source>
        <translation>Die Lernrate muss eine positive Zahl sein, z. B. 2e-4.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="460"/>
        <source>The alignment learning rate must be a positive number, e.g. 1e-3.</source>
        <translation>Die Alignment-Lernrate muss eine positive Zahl sein, z. B. 1e-3.</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::PreferencesDialog</name>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="20"/>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="23"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="24"/>
        <source>CUDA (GPU)</source>
        <translation>CUDA (GPU)</translation>
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
        <translation>automatisch</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="35"/>
        <source>CPU threads for LibTorch (this machine has %1)</source>
        <translation>CPU-Threads für LibTorch (dieser Rechner hat %1)</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="37"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="45"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="54"/>
        <source>Runs Directory</source>
        <translation>Ordner für Läufe</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="57"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="58"/>
        <source>Data type</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="59"/>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="60"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="61"/>
        <source>Default scheme</source>
        <translation>Standardverfahren</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="62"/>
        <source>Runs directory</source>
        <translation>Ordner für Läufe</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="63"/>
        <source>Device, data type and threads apply to the next model load; the language to the next start.</source>
        <translation>Gerät, Datentyp und Threads gelten beim nächsten Laden eines Modells, die Sprache beim nächsten Start.</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ScheduleEditor</name>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="49"/>
        <source>(custom)</source>
        <translation>(benutzerdefiniert)</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="51"/>
        <source>Start from one of the paper&apos;s schedules; the table below stays editable</source>
        <translation>Mit einem der Zeitpläne aus dem Paper beginnen; die Tabelle unten bleibt bearbeitbar</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="55"/>
        <source>Scheme (spec or layer/stride)</source>
        <translation>Verfahren (Spec oder Schicht/Stride)</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="55"/>
        <source>Until (fraction or step)</source>
        <translation>Bis (Anteil oder Schritt)</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="72"/>
        <source>Scheme of the stage that &quot;Add stage&quot; inserts, with its default parameters</source>
        <translation>Verfahren der Stufe, die „Stufe hinzufügen“ einfügt, mit seinen Standardparametern</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="73"/>
        <source>Add stage</source>
        <translation>Stufe hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="74"/>
        <source>Remove stage</source>
        <translation>Stufe entfernen</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="77"/>
        <source>Scheme used by evaluation after training (none = full visual context)</source>
        <translation>Verfahren für die Evaluation nach dem Training (none = voller visueller Kontext)</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="84"/>
        <source>Preset:</source>
        <translation>Vorgabe:</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="90"/>
        <source>Test-time scheme:</source>
        <translation>Verfahren zur Testzeit:</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="174"/>
        <source>Stage %1: &quot;until&quot; must be a number (a fraction of training up to 1, or a step).</source>
        <translation>Stufe %1: „until“ muss eine Zahl sein (ein Anteil des Trainings bis 1 oder ein Schritt).</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="178"/>
        <source>Stage %1: the scheme is empty.</source>
        <translation>Stufe %1: Das Verfahren ist leer.</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="190"/>
        <source>Invalid schedule: %1</source>
        <translation>Ungültiger Zeitplan: %1</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ScheduleTimeline</name>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="232"/>
        <source>invalid schedule</source>
        <translation>ungültiger Zeitplan</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="245"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::SchemeSelector</name>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="79"/>
        <source>Preset</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="80"/>
        <source>Scheme</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="113"/>
        <source>Choose a preset…</source>
        <translation>Vorgabe wählen…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="128"/>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="150"/>
        <source>Unknown scheme &quot;%1&quot;</source>
        <translation>Unbekanntes Verfahren „%1“</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::TrainingPlots</name>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="53"/>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="53"/>
        <source>loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="54"/>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="54"/>
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="55"/>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="55"/>
        <source>samples/s</source>
        <translation>Beispiele/s</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="56"/>
        <source>Visual tokens per sample</source>
        <translation>Visuelle Tokens pro Beispiel</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="56"/>
        <source>#Tokens (sum over layers)</source>
        <translation>#Tokens (Summe über Schichten)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="94"/>
        <source>stage %1 %2</source>
        <translation>Stufe %1 %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="102"/>
        <source>per-patch word loss</source>
        <translation>Wort-pro-Patch-Verlust</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="103"/>
        <source>attention grounding loss</source>
        <translation>Verlust der Aufmerksamkeitsverankerung</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="104"/>
        <source>prompt loss</source>
        <translation>Verlust auf dem Prompt</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::TrainingWorkspace</name>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="56"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="56"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="56"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="56"/>
        <source>Last loss</source>
        <translation>Letzter Loss</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="56"/>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="59"/>
        <source>Select several runs to overlay their loss curves</source>
        <translation>Wählen Sie mehrere Läufe aus, um ihre Loss-Kurven zu überlagern</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="67"/>
        <source>New Run…</source>
        <translation>Neuer Lauf…</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="69"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="71"/>
        <source>Write a checkpoint and stop; Resume continues from it</source>
        <translation>Checkpoint schreiben und anhalten; „Fortsetzen“ macht dort weiter</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="72"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="74"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="76"/>
        <source>Write a checkpoint and end the run</source>
        <translation>Checkpoint schreiben und den Lauf beenden</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="77"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="93"/>
        <source>Open in Chat</source>
        <translation>Im Chat öffnen</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="109"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="110"/>
        <source>Checkpoints</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="263"/>
        <source>Run &quot;%1&quot; ended unexpectedly; its checkpoints and metrics are kept (see the log). Resume continues from the newest checkpoint.</source>
        <translation>Der Lauf „%1“ wurde unerwartet beendet; seine Checkpoints und Metriken bleiben erhalten (siehe Protokoll). „Fortsetzen“ macht beim neuesten Checkpoint weiter.</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="265"/>
        <source>Run %1: %2</source>
        <translation>Lauf %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="310"/>
        <source>Select a run, or start one with New Run…</source>
        <translation>Wählen Sie einen Lauf aus oder starten Sie einen mit „Neuer Lauf…“</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="325"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="326"/>
        <source> · %1 processes</source>
        <translation> · %1 Prozesse</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="329"/>
        <source> · step %1/%2 · stage %3 (%4) · loss %5</source>
        <translation> · Schritt %1/%2 · Stufe %3 (%4) · Loss %5</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="335"/>
        <source> · ETA %1</source>
        <translation> · Restzeit %1</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="338"/>
        <source> · eval accuracy %1%</source>
        <translation> · Evaluationsgenauigkeit %1%</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="388"/>
        <source>No runs directory is set.</source>
        <translation>Es ist kein Ordner für Läufe festgelegt.</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="401"/>
        <source>Cannot create the run folder &quot;%1&quot;.</source>
        <translation>Der Ordner „%1“ für den Lauf kann nicht erstellt werden.</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="411"/>
        <location filename="../ui/training/training_workspace.cpp" line="435"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="481"/>
        <source>Could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="491"/>
        <source>Resumed run %1</source>
        <translation>Lauf %1 fortgesetzt</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="491"/>
        <source>Started run %1</source>
        <translation>Lauf %1 gestartet</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="34"/>
        <source>LLaVolta Studio: chat with LLaVA-style models under visual context compression, see what compression does, train and benchmark.</source>
        <translation>LLaVolta Studio: mit LLaVA-artigen Modellen unter Kompression des visuellen Kontexts chatten, sehen, was die Kompression bewirkt, trainieren und vergleichen.</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="40"/>
        <source>Model folder to open (default: the bundled demo model).</source>
        <translation>Zu öffnender Modellordner (Standard: das mitgelieferte Demo-Modell).</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="42"/>
        <source>Image to open in the chat.</source>
        <translation>Im Chat zu öffnendes Bild.</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="46"/>
        <source>Run a chat and a compression trace, save one PNG per workspace into DIR, quit.</source>
        <translation>Einen Chat und einen Kompressionsverlauf ausführen, je Arbeitsbereich ein PNG in DIR speichern, beenden.</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="50"/>
        <source>Training runs folder for this session (benchmark results go to its benchmarks/ sub-folder).</source>
        <translation>Ordner der Trainingsläufe für diese Sitzung (Benchmark-Ergebnisse landen in dessen Unterordner benchmarks/).</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="54"/>
        <source>Window size, e.g. 1024x700 (screenshots default to 1400x900).</source>
        <translation>Fenstergröße, z. B. 1024x700 (Screenshots standardmäßig 1400x900).</translation>
    </message>
</context>
</TS>
