# LinkShape: cw:rationale sh:maxCount 1
# at: links/bright.yaml|- id: b-4
INSERT DATA { <link/b-4> cw:rationale "A second reason."@en }
