# EvidenceItemShape: cw:evidenceKind sh:in
# at: links/bright.yaml|- id: b-2
INSERT DATA { <link/b-2#evidence-1> cw:evidenceKind "rumour" }
