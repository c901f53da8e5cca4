# LinkShape: cw:linkSet sh:class cw:LinkSet
# at: links/bright.yaml|- id: b-1
DELETE WHERE { <link/b-1> cw:linkSet ?any } ;
INSERT DATA { <link/b-1> cw:linkSet <model/bright> }
