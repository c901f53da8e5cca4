# FrameworkShape: dcterms:issued sh:datatype xsd:date
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg> dcterms:issued ?any } ;
INSERT DATA { <framework/reg> dcterms:issued "2020" }
