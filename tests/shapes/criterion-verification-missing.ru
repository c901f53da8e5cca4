# CriterionShape: cw:verification sh:minCount 1
# at: frameworks/other.yaml|- id: T1
DELETE WHERE { <criterion/other/T1> cw:verification ?any }
