# RatingLevelShape: skos:notation sh:minCount 1
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg/rating/bad> skos:notation ?any }
