# CriterionShape: skos:prefLabel sh:datatype rdf:langString
# at: frameworks/reg.yaml|- id: Q1
INSERT DATA { <criterion/reg/Q1> skos:prefLabel "Is it kind?" }
