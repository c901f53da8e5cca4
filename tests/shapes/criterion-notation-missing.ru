# CriterionShape: skos:notation sh:minCount 1
# at: frameworks/reg.yaml|- id: Q1.1
DELETE WHERE { <criterion/reg/Q1.1> skos:notation ?any }
