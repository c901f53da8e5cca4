# ElementShape: cw:elementKind sh:minCount 1
# at: models/warm.yaml|- id: welcome
DELETE WHERE { <element/warm/welcome> cw:elementKind ?any }
