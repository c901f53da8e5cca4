# ModelShape: cw:developer sh:minCount 1
# at: models/warm.yaml|model:
DELETE WHERE { <model/warm> cw:developer ?any }
