# CriterionShape: skos:inScheme sh:maxCount 1
# at: frameworks/reg.yaml|- id: Q1.2
INSERT DATA { <criterion/reg/Q1.2> skos:inScheme <framework/other> }
