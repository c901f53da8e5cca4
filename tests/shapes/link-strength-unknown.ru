# LinkShape: cw:strength sh:in
# at: links/bright.yaml|- id: b-2
DELETE WHERE { <link/b-2> cw:strength ?any } ;
INSERT DATA { <link/b-2> cw:strength "total" }
