# ModelShape: cw:impactEvidence sh:in
# at: models/bright.yaml|model:
DELETE WHERE { <model/bright> cw:impactEvidence ?any } ;
INSERT DATA { <model/bright> cw:impactEvidence "huge" }
