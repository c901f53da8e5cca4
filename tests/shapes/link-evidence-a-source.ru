# LinkShape: cw:evidence sh:class cw:EvidenceItem
# at: links/warm.yaml|- id: w-2
DELETE WHERE { <link/w-2> cw:evidence ?any } ;
INSERT DATA { <link/w-2> cw:evidence <source/doc-b> }
