<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/benchmark/benchmark_result.cpp" line="163"/>
        <source>%1 is not a saved benchmark (%2)</source>
        <translation>%1 ist kein gespeicherter Benchmark (%2)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="54"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="17"/>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
</context>
<context>
    <name>Transcript</name>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="30"/>
        <source>%1 → %2 visual tokens · #Tokens %3 · CR %4× · %5 TFLOPs prefill · %6 ms prefill · %7 tokens/s</source>
        <translation>%1 → %2 visuelle Tokens · #Tokens %3 · CR %4× · %5 TFLOPs Prefill · %6 ms Prefill · %7 Tokens/s</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="46"/>
        <source>Scheme:</source>
        <translation>Verfahren:</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="48"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="51"/>
        <source>(stopped)</source>
        <translation>(angehalten)</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="53"/>
        <location filename="../ui/chat/transcript.cpp" line="70"/>
        <source>Error: </source>
        <translation>Fehler: </translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="54"/>
        <location filename="../ui/chat/transcript.cpp" line="70"/>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="63"/>
        <source>LLaVolta conversation</source>
        <translation>LLaVolta-Unterhaltung</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="64"/>
        <source>Image: %1</source>
        <translation>Bild: %1</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="66"/>
        <source>Scheme</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="67"/>
        <source>Scheme: `%1`</source>
        <translation>Verfahren: `%1`</translation>
    </message>
    <message>
        <location filename="../ui/chat/transcript.cpp" line="69"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::BenchmarkPlot</name>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="18"/>
        <source>prefill TFLOPs per sample</source>
        <translation>Prefill-TFLOPs pro Beispiel</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="19"/>
        <source>accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="97"/>
        <source>Pareto frontier</source>
        <translation>Pareto-Front</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="111"/>
        <source>paper (LLaVA-1.5-7B)</source>
        <translation>Paper (LLaVA-1.5-7B)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="160"/>
        <source>%1
%2
accuracy %3%
%4 TFLOPs · #Tokens %5 · CR %6 · %7 ms</source>
        <translation>%1
%2
Genauigkeit %3%
%4 TFLOPs · #Tokens %5 · CR %6 · %7 ms</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_plot.cpp" line="169"/>
        <source>paper: %1
%2% at %3 TFLOPs</source>
        <translation>Paper: %1
%2% bei %3 TFLOPs</translation>
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
</context>
<context>
    <name>llavolta::ui::BenchmarkWorkspace</name>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="61"/>
        <source>Show the paper&apos;s LLaVA-1.5-7B points</source>
        <translation>LLaVA-1.5-7B-Punkte aus dem Paper anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="63"/>
        <source>Published numbers of the reference model, for comparing real checkpoints</source>
        <translation>Veröffentlichte Werte des Referenzmodells, zum Vergleich mit echten Checkpoints</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="66"/>
        <source>No verified reference points are installed (%1 holds none)</source>
        <translation>Es sind keine geprüften Referenzpunkte installiert (%1 enthält keine)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="70"/>
        <source>Benchmarks saved in the results directory</source>
        <translation>Im Ergebnisordner gespeicherte Benchmarks</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="71"/>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="72"/>
        <source>Export JSON…</source>
        <translation>JSON exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="73"/>
        <source>Export PNG…</source>
        <translation>PNG exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="74"/>
        <source>Export PDF…</source>
        <translation>PDF exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="82"/>
        <source>Saved:</source>
        <translation>Gespeichert:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="111"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="113"/>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="116"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="117"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="118"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="119"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="125"/>
        <source>%1 of %2: %3</source>
        <translation>%1 von %2: %3</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="136"/>
        <source>Could not save results to %1: %2</source>
        <translation>Die Ergebnisse konnten nicht unter %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="142"/>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="149"/>
        <source>Cancelled; %1 results kept</source>
        <translation>Abgebrochen; %1 Ergebnisse behalten</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="150"/>
        <source>Done: %1 results</source>
        <translation>Fertig: %1 Ergebnisse</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="163"/>
        <source>Models and checkpoints</source>
        <translation>Modelle und Checkpoints</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="166"/>
        <source>Checked models are benchmarked</source>
        <translation>Die markierten Modelle werden getestet</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="167"/>
        <source>Add directory…</source>
        <translation>Ordner hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="168"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="176"/>
        <source>Model or checkpoint directory</source>
        <translation>Modell- oder Checkpoint-Ordner</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="182"/>
        <source>Evaluation set</source>
        <translation>Evaluationsdatensatz</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="183"/>
        <source>Generated Shapes-VQA test split</source>
        <translation>Generierter Shapes-VQA-Testsplit</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="186"/>
        <source>LLaVA question file with answers</source>
        <translation>LLaVA-Fragendatei mit Antworten</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="188"/>
        <source>Questions to generate (one per image)</source>
        <translation>Zu generierende Fragen (eine pro Bild)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="189"/>
        <source>The same seed gives the same test split</source>
        <translation>Derselbe Seed ergibt denselben Testsplit</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="190"/>
        <source>Image side in pixels</source>
        <translation>Bildseitenlänge in Pixeln</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="191"/>
        <source>Add LLaVA&apos;s short-answer hint</source>
        <translation>LLaVAs Kurzantwort-Hinweis anhängen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="193"/>
        <source>Append &quot;Answer the question using a single word or phrase.&quot; to each question, as LLaVA-1.5&apos;s evaluation does; leave it off for models trained without it, like the demo model</source>
        <translation>Hängt „Answer the question using a single word or phrase.“ an jede Frage an, wie es die Auswertung von LLaVA-1.5 tut; für Modelle, die ohne diesen Hinweis trainiert wurden (wie das Demo-Modell), ausgeschaltet lassen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="197"/>
        <source>questions.jsonl</source>
        <translation>questions.jsonl</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="200"/>
        <source>default: answers.jsonl beside the questions</source>
        <translation>Standard: answers.jsonl neben den Fragen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="201"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="203"/>
        <source>LLaVA question file</source>
        <translation>LLaVA-Fragendatei</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="203"/>
        <source>JSONL (*.jsonl);;All files (*)</source>
        <translation>JSONL (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="209"/>
        <source>Questions per evaluation (0 = all)</source>
        <translation>Fragen pro Evaluation (0 = alle)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="212"/>
        <source>Questions:</source>
        <translation>Fragen:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="213"/>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="214"/>
        <source>Image size:</source>
        <translation>Bildgröße:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="217"/>
        <source>Question file:</source>
        <translation>Fragendatei:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="218"/>
        <source>Answer file:</source>
        <translation>Antwortdatei:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="219"/>
        <source>Sample limit:</source>
        <translation>Beispiel-Limit:</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="222"/>
        <source>Schemes and parameter sweeps</source>
        <translation>Verfahren und Parameter-Sweeps</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="225"/>
        <source>Scheme / parameter</source>
        <translation>Verfahren / Parameter</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="225"/>
        <source>Values (comma-separated)</source>
        <translation>Werte (kommagetrennt)</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="226"/>
        <source>Each checked scheme runs for every combination of its parameter values</source>
        <translation>Jedes markierte Verfahren läuft für jede Kombination seiner Parameterwerte</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="233"/>
        <source>Run benchmark</source>
        <translation>Benchmark ausführen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="235"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="239"/>
        <source>jobs %v/%m</source>
        <translation>Aufträge %v/%m</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="242"/>
        <source>questions %v/%m</source>
        <translation>Fragen %v/%m</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="274"/>
        <source>Comma-separated values; default %1</source>
        <translation>Kommagetrennte Werte; Standard %1</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="303"/>
        <source>Scheme %1: give at least one value for &quot;%2&quot;.</source>
        <translation>Verfahren %1: Geben Sie mindestens einen Wert für „%2“ an.</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="316"/>
        <source>Scheme %1: %2</source>
        <translation>Verfahren %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="322"/>
        <source>Check at least one scheme.</source>
        <translation>Markieren Sie mindestens ein Verfahren.</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="396"/>
        <source>No results directory is set.</source>
        <translation>Es ist kein Ergebnisordner festgelegt.</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="403"/>
        <source>Check at least one model (Add directory… adds a model or checkpoint).</source>
        <translation>Markieren Sie mindestens ein Modell („Ordner hinzufügen…“ fügt ein Modell oder einen Checkpoint hinzu).</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="408"/>
        <source>%1 is not a model directory (no config.json).</source>
        <translation>%1 ist kein Modellordner (keine config.json).</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="434"/>
        <source>generate Shapes-VQA test split</source>
        <translation>Shapes-VQA-Testsplit generieren</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="441"/>
        <source>The question file &quot;%1&quot; does not exist.</source>
        <translation>Die Fragendatei „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="445"/>
        <source>The answer file &quot;%1&quot; does not exist.</source>
        <translation>Die Antwortdatei „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="455"/>
        <source>%1 under %2</source>
        <translation>%1 mit %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="481"/>
        <source>Could not load %1: %2</source>
        <translation>%1 konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="492"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="492"/>
        <source>Scheme</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="492"/>
        <source>Accuracy %</source>
        <translation>Genauigkeit %</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="493"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="494"/>
        <source>TFLOPs</source>
        <translation>TFLOPs</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="494"/>
        <source>#Tokens</source>
        <translation>#Tokens</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="494"/>
        <source>CR</source>
        <translation>CR</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="494"/>
        <source>Latency ms</source>
        <translation>Latenz ms</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="514"/>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="529"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="536"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="542"/>
        <location filename="../ui/benchmark/benchmark_workspace.cpp" line="548"/>
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
        <location filename="../ui/chat/chat_workspace.cpp" line="43"/>
        <source>Open Image…</source>
        <translation>Bild öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="46"/>
        <source>Compression scheme</source>
        <translation>Kompressionsverfahren</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="51"/>
        <source>Compare with a second scheme</source>
        <translation>Mit einem zweiten Verfahren vergleichen</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="61"/>
        <source>Sampling</source>
        <translation>Sampling</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="69"/>
        <source>0 = greedy decoding</source>
        <translation>0 = gierige Dekodierung</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="70"/>
        <source>Max new tokens</source>
        <translation>Max. neue Tokens</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="71"/>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="95"/>
        <source>Ask about the image… (Ctrl+Return sends)</source>
        <translation>Fragen Sie etwas zum Bild… (Strg+Eingabe sendet)</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="99"/>
        <source>New Conversation</source>
        <translation>Neue Unterhaltung</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="100"/>
        <source>Copy Transcript</source>
        <translation>Verlauf kopieren</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="101"/>
        <source>Save Transcript…</source>
        <translation>Verlauf speichern…</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="102"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="104"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="139"/>
        <source>&lt;p&gt;No model is loaded.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Es ist kein Modell geladen.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="164"/>
        <source>The image could not be read.</source>
        <translation>Das Bild konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="187"/>
        <source>Open Image</source>
        <translation>Bild öffnen</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="188"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="224"/>
        <source>No model is loaded. Open one with File &gt; Open Model.</source>
        <translation>Es ist kein Modell geladen. Öffnen Sie eines mit Datei &gt; Modell öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="228"/>
        <source>No image. Open, drop or paste an image first.</source>
        <translation>Kein Bild. Öffnen, ziehen oder fügen Sie zuerst ein Bild ein.</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="232"/>
        <source>Type a question first.</source>
        <translation>Geben Sie zuerst eine Frage ein.</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="240"/>
        <source>Invalid scheme &quot;%1&quot;: %2</source>
        <translation>Ungültiges Verfahren „%1“: %2</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="260"/>
        <source>Generating…</source>
        <translation>Generiere…</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="303"/>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="303"/>
        <source>Answer complete</source>
        <translation>Antwort fertig</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="374"/>
        <source>Transcript copied to the clipboard</source>
        <translation>Verlauf in die Zwischenablage kopiert</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="379"/>
        <source>Save Transcript</source>
        <translation>Verlauf speichern</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="380"/>
        <source>Markdown (*.md);;JSON (*.json)</source>
        <translation>Markdown (*.md);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="385"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/chat/chat_workspace.cpp" line="389"/>
        <source>Transcript saved to %1</source>
        <translation>Verlauf gespeichert unter %1</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::CompressionWorkspace</name>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="35"/>
        <source>Scheme A</source>
        <translation>Verfahren A</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="42"/>
        <source>Side by side with scheme B</source>
        <translation>Nebeneinander mit Verfahren B</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="45"/>
        <source>Scheme B</source>
        <translation>Verfahren B</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="54"/>
        <source>Question the prefill runs on</source>
        <translation>Frage, mit der das Prefill läuft</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="55"/>
        <source>Prompt</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="57"/>
        <source>Run Prefill</source>
        <translation>Prefill ausführen</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="60"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="62"/>
        <source>Token groups (merged patches share a colour)</source>
        <translation>Token-Gruppen (zusammengefasste Patches teilen eine Farbe)</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="63"/>
        <source>Attention of the last prompt token</source>
        <translation>Attention des letzten Prompt-Tokens</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="68"/>
        <source>Export PNG…</source>
        <translation>PNG exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="96"/>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="162"/>
        <source>No model is loaded. Open one with File &gt; Open Model.</source>
        <translation>Es ist kein Modell geladen. Öffnen Sie eines mit Datei &gt; Modell öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="166"/>
        <source>No image. Open one in the Chat workspace or with File &gt; Open Image.</source>
        <translation>Kein Bild. Öffnen Sie eines im Chat-Bereich oder mit Datei &gt; Bild öffnen.</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="174"/>
        <source>Invalid scheme &quot;%1&quot;: %2</source>
        <translation>Ungültiges Verfahren „%1“: %2</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="180"/>
        <source>Describe the image.</source>
        <translation>Beschreibe das Bild.</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="192"/>
        <source>Running the prefill…</source>
        <translation>Prefill läuft…</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="207"/>
        <source>Compression trace ready</source>
        <translation>Kompressionsverlauf bereit</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="229"/>
        <source>Run the prefill to see scheme %1</source>
        <translation>Prefill ausführen, um Verfahren %1 zu sehen</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="230"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="238"/>
        <source>%1 — %2 tokens at layer %3</source>
        <translation>%1 — %2 Tokens in Schicht %3</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="240"/>
        <source>no attention before the LLM</source>
        <translation>keine Attention vor dem LLM</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="240"/>
        <source>no attention recorded</source>
        <translation>keine Attention aufgezeichnet</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="244"/>
        <source>before the LLM (projected features)</source>
        <translation>vor dem LLM (projizierte Merkmale)</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="245"/>
        <source>layer %1 of %2</source>
        <translation>Schicht %1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="246"/>
        <source>tokens </source>
        <translation>Tokens </translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="270"/>
        <source>decoder layer</source>
        <translation>Decoder-Schicht</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="271"/>
        <source>visual tokens</source>
        <translation>visuelle Tokens</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="273"/>
        <source>cumulative LLM GFLOPs</source>
        <translation>kumulierte LLM-GFLOPs</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="300"/>
        <source>%1: visual tokens</source>
        <translation>%1: visuelle Tokens</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="306"/>
        <source>%1: cumulative GFLOPs</source>
        <translation>%1: kumulierte GFLOPs</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="317"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="330"/>
        <source>Export PNG</source>
        <translation>PNG exportieren</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="330"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="332"/>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <location filename="../ui/compression/compression_workspace.cpp" line="333"/>
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
        <location filename="../ui/shell/main_window.cpp" line="64"/>
        <source>LLaVolta Studio</source>
        <translation>LLaVolta Studio</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="80"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="81"/>
        <source>Compression</source>
        <translation>Kompression</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="82"/>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="83"/>
        <source>Benchmarks</source>
        <translation>Benchmarks</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="88"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="145"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="146"/>
        <source>Open &amp;Model…</source>
        <translation>&amp;Modell öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="148"/>
        <source>Open &amp;Image…</source>
        <translation>&amp;Bild öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="150"/>
        <source>Recent Models</source>
        <translation>Zuletzt geöffnete Modelle</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="151"/>
        <source>Recent Images</source>
        <translation>Zuletzt geöffnete Bilder</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="153"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="156"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="160"/>
        <location filename="../ui/shell/main_window.cpp" line="174"/>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="161"/>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="166"/>
        <source>S&amp;top</source>
        <translation>S&amp;topp</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="169"/>
        <source>&amp;New Conversation</source>
        <translation>&amp;Neue Unterhaltung</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="170"/>
        <source>&amp;Copy Transcript</source>
        <translation>Verlauf &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="171"/>
        <source>Save &amp;Transcript…</source>
        <translation>Verlauf s&amp;peichern…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="173"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="174"/>
        <source>C&amp;ompression</source>
        <translation>K&amp;ompression</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="174"/>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="174"/>
        <source>&amp;Benchmarks</source>
        <translation>&amp;Benchmarks</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="181"/>
        <source>&amp;Log</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="185"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="186"/>
        <source>&amp;About LLaVolta Studio</source>
        <translation>Ü&amp;ber LLaVolta Studio</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="187"/>
        <source>About LLaVolta Studio</source>
        <translation>Über LLaVolta Studio</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="188"/>
        <source>&lt;p&gt;&lt;b&gt;LLaVolta Studio&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Efficient large multimodal models via visual context compression (Chen et al., NeurIPS 2024), in C++ with LibTorch and Qt.&lt;/p&gt;&lt;p&gt;Log file: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;LLaVolta Studio&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Effiziente große multimodale Modelle durch Kompression des visuellen Kontexts (Chen et al., NeurIPS 2024), in C++ mit LibTorch und Qt.&lt;/p&gt;&lt;p&gt;Protokolldatei: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="196"/>
        <location filename="../ui/shell/main_window.cpp" line="297"/>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="199"/>
        <source>Resident memory of the studio process</source>
        <translation>Belegter Arbeitsspeicher des Studio-Prozesses</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="205"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="223"/>
        <source>Memory %1 MiB</source>
        <translation>Speicher %1 MiB</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="240"/>
        <source>&lt;h3&gt;No model is loaded&lt;/h3&gt;&lt;p&gt;The bundled demo model is not in this checkout yet. Either&lt;/p&gt;&lt;ul&gt;&lt;li&gt;train it: &lt;code&gt;bash scripts/train-demo.sh&lt;/code&gt; (it is written to &lt;code&gt;resources/models/demo/&lt;/code&gt; and opened automatically next time), or&lt;/li&gt;&lt;li&gt;open any LLaVA-1.5 checkpoint folder (Hugging Face safetensors + config.json + tokenizer.model) with &lt;b&gt;File &amp;gt; Open Model&lt;/b&gt; (Ctrl+Shift+O), or&lt;/li&gt;&lt;li&gt;make a random model to try the studio: &lt;code&gt;build/bin/llavolta init-model --config resources/configs/demo.json --out /tmp/demo-model&lt;/code&gt; (its answers are noise).&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;Es ist kein Modell geladen&lt;/h3&gt;&lt;p&gt;Das mitgelieferte Demo-Modell ist in diesem Checkout noch nicht vorhanden. Sie können&lt;/p&gt;&lt;ul&gt;&lt;li&gt;es trainieren: &lt;code&gt;bash scripts/train-demo.sh&lt;/code&gt; (es wird nach &lt;code&gt;resources/models/demo/&lt;/code&gt; geschrieben und beim nächsten Start automatisch geöffnet), oder&lt;/li&gt;&lt;li&gt;einen beliebigen LLaVA-1.5-Checkpoint-Ordner (Hugging-Face-safetensors + config.json + tokenizer.model) mit &lt;b&gt;Datei &amp;gt; Modell öffnen&lt;/b&gt; (Strg+Umschalt+O) öffnen, oder&lt;/li&gt;&lt;li&gt;zum Ausprobieren ein Zufallsmodell erzeugen: &lt;code&gt;build/bin/llavolta init-model --config resources/configs/demo.json --out /tmp/demo-model&lt;/code&gt; (seine Antworten sind Rauschen).&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="249"/>
        <source>open one with File &gt; Open Model</source>
        <translation>öffnen Sie eines mit Datei &gt; Modell öffnen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="265"/>
        <source>Open Model Folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="273"/>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="274"/>
        <location filename="../ui/shell/main_window.cpp" line="360"/>
        <source>Loading model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="281"/>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="282"/>
        <source>Device: %1 (%2)</source>
        <translation>Gerät: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="292"/>
        <source>Model loaded</source>
        <translation>Modell geladen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="298"/>
        <source>loading failed</source>
        <translation>Laden fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="299"/>
        <source>&lt;h3&gt;The model could not be loaded&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Open another one with &lt;b&gt;File &amp;gt; Open Model&lt;/b&gt; (Ctrl+Shift+O).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Das Modell konnte nicht geladen werden&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Öffnen Sie ein anderes mit &lt;b&gt;Datei &amp;gt; Modell öffnen&lt;/b&gt; (Strg+Umschalt+O).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="302"/>
        <source>Could not load the model</source>
        <translation>Das Modell konnte nicht geladen werden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="307"/>
        <source>Could not open the image</source>
        <translation>Das Bild konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="318"/>
        <source>Open Image</source>
        <translation>Bild öffnen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="318"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="343"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="343"/>
        <source>The new language applies when the studio starts next time.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start des Studios.</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="348"/>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="362"/>
        <source>Generating</source>
        <translation>Generiere</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="362"/>
        <source>Running prefill</source>
        <translation>Prefill läuft</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="379"/>
        <source>Work is running</source>
        <translation>Es läuft noch etwas</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="380"/>
        <source>A generation, training run or benchmark is still running. Stop it and quit?</source>
        <translation>Eine Generierung, ein Trainingslauf oder ein Benchmark läuft noch. Anhalten und beenden?</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ModelPanel</name>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="29"/>
        <source>Open Model…</source>
        <translation>Modell öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="30"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="31"/>
        <source>Load the model again with the device, data type and threads chosen here</source>
        <translation>Das Modell mit dem hier gewählten Gerät, Datentyp und den Threads neu laden</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="32"/>
        <location filename="../ui/shell/model_panel.cpp" line="101"/>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="40"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="41"/>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="48"/>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="49"/>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="52"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="54"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="56"/>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="84"/>
        <source>%1 layout · %2 parameters · %3 layers · %4 visual tokens (%5×%5 patches) · %6 / %7</source>
        <translation>Layout %1 · %2 Parameter · %3 Schichten · %4 visuelle Tokens (%5×%5 Patches) · %6 / %7</translation>
    </message>
    <message>
        <location filename="../ui/shell/model_panel.cpp" line="97"/>
        <source>loading…</source>
        <translation>wird geladen…</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::NewRunDialog</name>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="70"/>
        <source>New Training Run</source>
        <translation>Neuer Trainingslauf</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="72"/>
        <source>Folder name of the run inside the runs directory</source>
        <translation>Ordnername des Laufs im Ordner für Läufe</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="75"/>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="76"/>
        <source>Initial model</source>
        <translation>Ausgangsmodell</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="78"/>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="79"/>
        <source>Hyperparameters</source>
        <translation>Hyperparameter</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="88"/>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="94"/>
        <source>Run name:</source>
        <translation>Name des Laufs:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="112"/>
        <source>Generate Shapes-VQA</source>
        <translation>Shapes-VQA generieren</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="115"/>
        <source>LLaVA conversation JSON + image folder</source>
        <translation>LLaVA-Konversations-JSON + Bildordner</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="117"/>
        <source>Training images to render</source>
        <translation>Zu rendernde Trainingsbilder</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="118"/>
        <source>The same seed gives the same dataset</source>
        <translation>Derselbe Seed ergibt denselben Datensatz</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="119"/>
        <source>Image side in pixels</source>
        <translation>Bildseitenlänge in Pixeln</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="120"/>
        <source>Test questions for evaluation during training (0 = none)</source>
        <translation>Testfragen für die Evaluation während des Trainings (0 = keine)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="124"/>
        <source>optional: LLaVA question file (answers.jsonl beside it) for evaluation</source>
        <translation>optional: LLaVA-Fragendatei (mit answers.jsonl daneben) für die Evaluation</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="128"/>
        <source>Images:</source>
        <translation>Bilder:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="129"/>
        <location filename="../ui/training/new_run_dialog.cpp" line="172"/>
        <location filename="../ui/training/new_run_dialog.cpp" line="209"/>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="130"/>
        <source>Image size:</source>
        <translation>Bildgröße:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="131"/>
        <source>Test questions:</source>
        <translation>Testfragen:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="133"/>
        <source>Conversation JSON:</source>
        <translation>Konversations-JSON:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="133"/>
        <source>LLaVA conversation JSON</source>
        <translation>LLaVA-Konversations-JSON</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="134"/>
        <source>Image folder:</source>
        <translation>Bildordner:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="134"/>
        <source>Image folder</source>
        <translation>Bildordner</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="135"/>
        <source>Eval questions:</source>
        <translation>Evaluationsfragen:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="135"/>
        <source>LLaVA question file</source>
        <translation>LLaVA-Fragendatei</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="144"/>
        <source>The studio&apos;s current model (none open)</source>
        <translation>Das aktuelle Modell des Studios (keines geöffnet)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="145"/>
        <source>The studio&apos;s current model: %1</source>
        <translation>Das aktuelle Modell des Studios: %1</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="146"/>
        <source>A model or checkpoint directory</source>
        <translation>Ein Modell- oder Checkpoint-Ordner</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="148"/>
        <source>A new random model from a size preset</source>
        <translation>Ein neues Zufallsmodell aus einer Größenvorgabe</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="155"/>
        <source>Seed of the random weights</source>
        <translation>Seed der Zufallsgewichte</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="156"/>
        <source>Also train the vision tower (needed when it starts random)</source>
        <translation>Auch den Vision-Tower trainieren (nötig, wenn er zufällig initialisiert ist)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="169"/>
        <source>Directory:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="169"/>
        <source>Model directory</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="171"/>
        <source>Size preset:</source>
        <translation>Größenvorgabe:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="180"/>
        <source>Alignment phase (captions, projector only, no compression); 0 = skip</source>
        <translation>Alignment-Phase (Bildunterschriften, nur Projektor, keine Kompression); 0 = überspringen</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="181"/>
        <source>Instruction-tuning phase, where the schedule applies</source>
        <translation>Instruction-Tuning-Phase, in der der Zeitplan gilt</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="196"/>
        <source>CPU threads (0 = LibTorch&apos;s default)</source>
        <translation>CPU-Threads (0 = Standard von LibTorch)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="197"/>
        <source>Steps between checkpoints (0 = only at phase ends)</source>
        <translation>Schritte zwischen Checkpoints (0 = nur am Ende jeder Phase)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="198"/>
        <source>Steps between evaluations (0 = only at the end)</source>
        <translation>Schritte zwischen Evaluationen (0 = nur am Ende)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="199"/>
        <source>Questions per evaluation (0 = all)</source>
        <translation>Fragen pro Evaluation (0 = alle)</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="202"/>
        <source>Alignment steps:</source>
        <translation>Alignment-Schritte:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="203"/>
        <source>Alignment learning rate:</source>
        <translation>Alignment-Lernrate:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="204"/>
        <source>Instruction steps:</source>
        <translation>Instruction-Schritte:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="205"/>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="206"/>
        <source>Batch size:</source>
        <translation>Batchgröße:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="207"/>
        <source>Warm-up ratio:</source>
        <translation>Warm-up-Anteil:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="208"/>
        <source>Weight decay:</source>
        <translation>Weight Decay:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="210"/>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="211"/>
        <source>Checkpoint every:</source>
        <translation>Checkpoint alle:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="212"/>
        <source>Evaluate every:</source>
        <translation>Evaluation alle:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="213"/>
        <source>Evaluation questions:</source>
        <translation>Evaluationsfragen:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="214"/>
        <source>Max sequence length:</source>
        <translation>Max. Sequenzlänge:</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="239"/>
        <source>Give the run a folder name (no &apos;/&apos;, not starting with &apos;.&apos;).</source>
        <translation>Geben Sie dem Lauf einen Ordnernamen (ohne „/“, nicht mit „.“ beginnend).</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="240"/>
        <source>No runs directory is set.</source>
        <translation>Es ist kein Ordner für Läufe festgelegt.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="242"/>
        <source>A run named &quot;%1&quot; already exists.</source>
        <translation>Ein Lauf namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="255"/>
        <source>The studio has no model open; choose a directory or a size preset.</source>
        <translation>Im Studio ist kein Modell geöffnet; wählen Sie einen Ordner oder eine Größenvorgabe.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="261"/>
        <source>&quot;%1&quot; is not a model directory (no config.json).</source>
        <translation>„%1“ ist kein Modellordner (keine config.json).</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="266"/>
        <source>No size preset is available.</source>
        <translation>Es ist keine Größenvorgabe verfügbar.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="280"/>
        <source>Invalid schedule for this model: %1</source>
        <translation>Ungültiger Zeitplan für dieses Modell: %1</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="311"/>
        <source>The conversation JSON &quot;%1&quot; does not exist.</source>
        <translation>Das Konversations-JSON „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="312"/>
        <source>The image folder &quot;%1&quot; does not exist.</source>
        <translation>Der Bildordner „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="314"/>
        <source>The question file &quot;%1&quot; does not exist.</source>
        <translation>Die Fragendatei „%1“ existiert nicht.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="323"/>
        <source>The learning rate must be a positive number, e.g. 2e-4.</source>
        <translation>Die Lernrate muss eine positive Zahl sein, z. B. 2e-4.</translation>
    </message>
    <message>
        <location filename="../ui/training/new_run_dialog.cpp" line="325"/>
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
        <location filename="../ui/shell/preferences_dialog.cpp" line="50"/>
        <source>Runs Directory</source>
        <translation>Ordner für Läufe</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="53"/>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="54"/>
        <source>Data type</source>
        <translation>Datentyp</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="55"/>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="56"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="57"/>
        <source>Default scheme</source>
        <translation>Standardverfahren</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="58"/>
        <source>Runs directory</source>
        <translation>Ordner für Läufe</translation>
    </message>
    <message>
        <location filename="../ui/shell/preferences_dialog.cpp" line="59"/>
        <source>Device, data type and threads apply to the next model load; the language to the next start.</source>
        <translation>Gerät, Datentyp und Threads gelten beim nächsten Laden eines Modells, die Sprache beim nächsten Start.</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ScheduleEditor</name>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="48"/>
        <source>(custom)</source>
        <translation>(benutzerdefiniert)</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="50"/>
        <source>Start from one of the paper&apos;s schedules; the table below stays editable</source>
        <translation>Mit einem der Zeitpläne aus dem Paper beginnen; die Tabelle unten bleibt bearbeitbar</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="54"/>
        <source>Scheme (spec or layer/stride)</source>
        <translation>Verfahren (Spec oder Schicht/Stride)</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="54"/>
        <source>Until (fraction or step)</source>
        <translation>Bis (Anteil oder Schritt)</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="71"/>
        <source>Scheme of the stage that &quot;Add stage&quot; inserts, with its default parameters</source>
        <translation>Verfahren der Stufe, die „Stufe hinzufügen“ einfügt, mit seinen Standardparametern</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="72"/>
        <source>Add stage</source>
        <translation>Stufe hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="73"/>
        <source>Remove stage</source>
        <translation>Stufe entfernen</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="76"/>
        <source>Scheme used by evaluation after training (none = full visual context)</source>
        <translation>Verfahren für die Evaluation nach dem Training (none = voller visueller Kontext)</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="83"/>
        <source>Preset:</source>
        <translation>Vorgabe:</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="89"/>
        <source>Test-time scheme:</source>
        <translation>Verfahren zur Testzeit:</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="173"/>
        <source>Stage %1: &quot;until&quot; must be a number (a fraction of training up to 1, or a step).</source>
        <translation>Stufe %1: „until“ muss eine Zahl sein (ein Anteil des Trainings bis 1 oder ein Schritt).</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="177"/>
        <source>Stage %1: the scheme is empty.</source>
        <translation>Stufe %1: Das Verfahren ist leer.</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="189"/>
        <source>Invalid schedule: %1</source>
        <translation>Ungültiger Zeitplan: %1</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::ScheduleTimeline</name>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="231"/>
        <source>invalid schedule</source>
        <translation>ungültiger Zeitplan</translation>
    </message>
    <message>
        <location filename="../ui/training/schedule_editor.cpp" line="244"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::SchemeSelector</name>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="69"/>
        <source>Preset</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="70"/>
        <source>Scheme</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="103"/>
        <source>Choose a preset…</source>
        <translation>Vorgabe wählen…</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="118"/>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <location filename="../ui/widgets/scheme_selector.cpp" line="140"/>
        <source>Unknown scheme &quot;%1&quot;</source>
        <translation>Unbekanntes Verfahren „%1“</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::TrainingPlots</name>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="41"/>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="41"/>
        <source>loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="42"/>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="42"/>
        <source>lr</source>
        <translation>lr</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="43"/>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="43"/>
        <source>samples/s</source>
        <translation>Beispiele/s</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="44"/>
        <source>Visual tokens per sample</source>
        <translation>Visuelle Tokens pro Beispiel</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="44"/>
        <source>#Tokens (sum over layers)</source>
        <translation>#Tokens (Summe über Schichten)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_plots.cpp" line="79"/>
        <source>stage %1 %2</source>
        <translation>Stufe %1 %2</translation>
    </message>
</context>
<context>
    <name>llavolta::ui::TrainingWorkspace</name>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="55"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="55"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="55"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="55"/>
        <source>Last loss</source>
        <translation>Letzter Loss</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="55"/>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="58"/>
        <source>Select several runs to overlay their loss curves</source>
        <translation>Wählen Sie mehrere Läufe aus, um ihre Loss-Kurven zu überlagern</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="61"/>
        <source>New Run…</source>
        <translation>Neuer Lauf…</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="63"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="65"/>
        <source>Write a checkpoint and stop; Resume continues from it</source>
        <translation>Checkpoint schreiben und anhalten; „Fortsetzen“ macht dort weiter</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="66"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="68"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="70"/>
        <source>Write a checkpoint and end the run</source>
        <translation>Checkpoint schreiben und den Lauf beenden</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="71"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="87"/>
        <source>Open in Chat</source>
        <translation>Im Chat öffnen</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="103"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="104"/>
        <source>Checkpoints</source>
        <translation>Checkpoints</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="250"/>
        <source>Run &quot;%1&quot; ended unexpectedly; its checkpoints and metrics are kept (see the log). Resume continues from the newest checkpoint.</source>
        <translation>Der Lauf „%1“ wurde unerwartet beendet; seine Checkpoints und Metriken bleiben erhalten (siehe Protokoll). „Fortsetzen“ macht beim neuesten Checkpoint weiter.</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="252"/>
        <source>Run %1: %2</source>
        <translation>Lauf %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="297"/>
        <source>Select a run, or start one with New Run…</source>
        <translation>Wählen Sie einen Lauf aus oder starten Sie einen mit „Neuer Lauf…“</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="312"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="315"/>
        <source> · step %1/%2 · stage %3 (%4) · loss %5</source>
        <translation> · Schritt %1/%2 · Stufe %3 (%4) · Loss %5</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="321"/>
        <source> · ETA %1</source>
        <translation> · Restzeit %1</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="324"/>
        <source> · eval accuracy %1%</source>
        <translation> · Evaluationsgenauigkeit %1%</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="374"/>
        <source>No runs directory is set.</source>
        <translation>Es ist kein Ordner für Läufe festgelegt.</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="387"/>
        <source>Cannot create the run folder &quot;%1&quot;.</source>
        <translation>Der Ordner „%1“ für den Lauf kann nicht erstellt werden.</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="395"/>
        <location filename="../ui/training/training_workspace.cpp" line="412"/>
        <source>Cannot write %1.</source>
        <translation>%1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="456"/>
        <source>Could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="466"/>
        <source>Resumed run %1</source>
        <translation>Lauf %1 fortgesetzt</translation>
    </message>
    <message>
        <location filename="../ui/training/training_workspace.cpp" line="466"/>
        <source>Started run %1</source>
        <translation>Lauf %1 gestartet</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/studio/main.cpp" line="45"/>
        <source>LLaVolta Studio: chat with LLaVA-style models under visual context compression, see what compression does, train and benchmark.</source>
        <translation>LLaVolta Studio: mit LLaVA-artigen Modellen unter Kompression des visuellen Kontexts chatten, sehen, was die Kompression bewirkt, trainieren und vergleichen.</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="51"/>
        <source>Model folder to open (default: the bundled demo model).</source>
        <translation>Zu öffnender Modellordner (Standard: das mitgelieferte Demo-Modell).</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="53"/>
        <source>Image to open in the chat.</source>
        <translation>Im Chat zu öffnendes Bild.</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="57"/>
        <source>Run a chat and a compression trace, save one PNG per workspace into DIR, quit.</source>
        <translation>Einen Chat und einen Kompressionsverlauf ausführen, je Arbeitsbereich ein PNG in DIR speichern, beenden.</translation>
    </message>
    <message>
        <location filename="../app/studio/main.cpp" line="61"/>
        <source>Training runs folder for this session (benchmark results go to its benchmarks/ sub-folder).</source>
        <translation>Ordner der Trainingsläufe für diese Sitzung (Benchmark-Ergebnisse landen in dessen Unterordner benchmarks/).</translation>
    </message>
</context>
</TS>
