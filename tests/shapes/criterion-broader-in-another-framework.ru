# CriterionParentShape: sh:or (broader in the same framework)
# at: frameworks/reg.yaml|- id: Q1.1
DELETE WHERE { <criterion/reg/Q1.1> skos:broader ?any } ;
INSERT DATA { <criterion/reg/Q1.1> skos:broader <criterion/other/T1> }
