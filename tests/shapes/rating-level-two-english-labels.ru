# RatingLevelShape: skos:prefLabel sh:uniqueLang
# at: frameworks/reg.yaml|framework:
INSERT DATA { <framework/reg/rating/good> skos:prefLabel "Fine"@en }
