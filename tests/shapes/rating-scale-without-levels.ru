# RatingScaleShape: skos:hasTopConcept sh:minCount 1
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg/rating-scale> skos:hasTopConcept ?any }
