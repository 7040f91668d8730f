<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <location filename="../ui/shell/main_window.cpp" line="139"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="140"/>
        <source>Open &amp;Model…</source>
        <translation>&amp;Modell öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="142"/>
        <source>Open &amp;Image…</source>
        <translation>&amp;Bild öffnen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="144"/>
        <source>Recent Models</source>
        <translation>Zuletzt geöffnete Modelle</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="145"/>
        <source>Recent Images</source>
        <translation>Zuletzt geöffnete Bilder</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="147"/>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="150"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="154"/>
        <location filename="../ui/shell/main_window.cpp" line="168"/>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="155"/>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="160"/>
        <source>S&amp;top</source>
        <translation>S&amp;topp</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="163"/>
        <source>&amp;New Conversation</source>
        <translation>&amp;Neue Unterhaltung</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="164"/>
        <source>&amp;Copy Transcript</source>
        <translation>Verlauf &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="165"/>
        <source>Save &amp;Transcript…</source>
        <translation>Verlauf s&amp;peichern…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="167"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="168"/>
        <source>C&amp;ompression</source>
        <translation>K&amp;ompression</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="168"/>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="168"/>
        <source>&amp;Benchmarks</source>
        <translation>&amp;Benchmarks</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="175"/>
        <source>&amp;Log</source>
        <translation>&amp;Protokoll</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="179"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="180"/>
        <source>&amp;About LLaVolta Studio</source>
        <translation>Ü&amp;ber LLaVolta Studio</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="181"/>
        <source>About LLaVolta Studio</source>
        <translation>Über LLaVolta Studio</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="182"/>
        <source>&lt;p&gt;&lt;b&gt;LLaVolta Studio&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Efficient large multimodal models via visual context compression (Chen et al., NeurIPS 2024), in C++ with LibTorch and Qt.&lt;/p&gt;&lt;p&gt;Log file: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;LLaVolta Studio&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Effiziente große multimodale Modelle durch Kompression des visuellen Kontexts (Chen et al., NeurIPS 2024), in C++ mit LibTorch und Qt.&lt;/p&gt;&lt;p&gt;Protokolldatei: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="190"/>
        <location filename="../ui/shell/main_window.cpp" line="291"/>
        <source>No model</source>
        <translation>Kein Modell</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="193"/>
        <source>Resident memory of the studio process</source>
        <translation>Belegter Arbeitsspeicher des Studio-Prozesses</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="199"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="217"/>
        <source>Memory %1 MiB</source>
        <translation>Speicher %1 MiB</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="234"/>
        <source>&lt;h3&gt;No model is loaded&lt;/h3&gt;&lt;p&gt;The bundled demo model is not in this checkout yet. Either&lt;/p&gt;&lt;ul&gt;&lt;li&gt;train it: &lt;code&gt;bash scripts/train-demo.sh&lt;/code&gt; (it is written to &lt;code&gt;resources/models/demo/&lt;/code&gt; and opened automatically next time), or&lt;/li&gt;&lt;li&gt;open any LLaVA-1.5 checkpoint folder (Hugging Face safetensors + config.json + tokenizer.model) with &lt;b&gt;File &amp;gt; Open Model&lt;/b&gt; (Ctrl+Shift+O), or&lt;/li&gt;&lt;li&gt;make a random model to try the studio: &lt;code&gt;build/bin/llavolta init-model --config resources/configs/demo.json --out /tmp/demo-model&lt;/code&gt; (its answers are noise).&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h3&gt;Es ist kein Modell geladen&lt;/h3&gt;&lt;p&gt;Das mitgelieferte Demo-Modell ist in diesem Checkout noch nicht vorhanden. Sie können&lt;/p&gt;&lt;ul&gt;&lt;li&gt;es trainieren: &lt;code&gt;bash scripts/train-demo.sh&lt;/code&gt; (es wird nach &lt;code&gt;resources/models/demo/&lt;/code&gt; geschrieben und beim nächsten Start automatisch geöffnet), oder&lt;/li&gt;&lt;li&gt;einen beliebigen LLaVA-1.5-Checkpoint-Ordner (Hugging-Face-safetensors + config.json + tokenizer.model) mit &lt;b&gt;Datei &amp;gt; Modell öffnen&lt;/b&gt; (Strg+Umschalt+O) öffnen, oder&lt;/li&gt;&lt;li&gt;zum Ausprobieren ein Zufallsmodell erzeugen: &lt;code&gt;build/bin/llavolta init-model --config resources/configs/demo.json --out /tmp/demo-model&lt;/code&gt; (seine Antworten sind Rauschen).&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="243"/>
        <source>open one with File &gt; Open Model</source>
        <translation>öffnen Sie eines mit Datei &gt; Modell öffnen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="259"/>
        <source>Open Model Folder</source>
        <translation>Modellordner öffnen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="267"/>
        <source>Loading %1…</source>
        <translation>Lade %1…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="268"/>
        <location filename="../ui/shell/main_window.cpp" line="354"/>
        <source>Loading model</source>
        <translation>Modell wird geladen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="275"/>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="276"/>
        <source>Device: %1 (%2)</source>
        <translation>Gerät: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="286"/>
        <source>Model loaded</source>
        <translation>Modell geladen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="292"/>
        <source>loading failed</source>
        <translation>Laden fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="293"/>
        <source>&lt;h3&gt;The model could not be loaded&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Open another one with &lt;b&gt;File &amp;gt; Open Model&lt;/b&gt; (Ctrl+Shift+O).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Das Modell konnte nicht geladen werden&lt;/h3&gt;&lt;p&gt;%1&lt;/p&gt;&lt;p&gt;Öffnen Sie ein anderes mit &lt;b&gt;Datei &amp;gt; Modell öffnen&lt;/b&gt; (Strg+Umschalt+O).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="296"/>
        <source>Could not load the model</source>
        <translation>Das Modell konnte nicht geladen werden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="301"/>
        <source>Could not open the image</source>
        <translation>Das Bild konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="312"/>
        <source>Open Image</source>
        <translation>Bild öffnen</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="312"/>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="337"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="337"/>
        <source>The new language applies when the studio starts next time.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start des Studios.</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="342"/>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="356"/>
        <source>Generating</source>
        <translation>Generiere</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="356"/>
        <source>Running prefill</source>
        <translation>Prefill läuft</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="373"/>
        <source>Work is running</source>
        <translation>Es läuft noch etwas</translation>
    </message>
    <message>
        <location filename="../ui/shell/main_window.cpp" line="374"/>
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
</context>
</TS>
