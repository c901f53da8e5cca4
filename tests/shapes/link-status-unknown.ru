# LinkShape: cw:status sh:in
# at: links/bright.yaml|- id: b-3
DELETE WHERE { <link/b-3> cw:status ?any } ;
INSERT DATA { <link/b-3> cw:status "approved" }
