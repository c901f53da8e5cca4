# LinkShape: cw:citation sh:class cw:Citation
# at: links/hub.yaml|- id: h-1
DELETE WHERE { <link/h-1> cw:citation ?any } ;
INSERT DATA { <link/h-1> cw:citation <source/doc-a> }
