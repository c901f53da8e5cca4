# FrameworkShape: dcterms:title sh:minCount 1
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg> dcterms:title ?any }
