<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>GenerationAnnouncer</name>
    <message numerus="yes">
        <source>Generation finished: %n variants ready.</source>
        <translation>
            <numerusform>Generation finished: %n variant ready.</numerusform>
            <numerusform>Generation finished: %n variants ready.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generation stopped: %n words.</source>
        <translation>
            <numerusform>Generation stopped: %n word.</numerusform>
            <numerusform>Generation stopped: %n words.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generation finished: %n words.</source>
        <translation>
            <numerusform>Generation finished: %n word.</numerusform>
            <numerusform>Generation finished: %n words.</numerusform>
        </translation>
    </message>
</context>
</TS>
