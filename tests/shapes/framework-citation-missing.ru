# FrameworkShape: cw:citation sh:minCount 1
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg> cw:citation ?any }
