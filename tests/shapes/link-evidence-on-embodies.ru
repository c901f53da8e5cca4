# LinkEvidenceShape: sh:or (only supplies_evidence_for links carry evidence)
# at: links/warm.yaml|- id: w-1
INSERT DATA { <link/w-1> cw:evidence <link/w-2#evidence-1> }
