# FrameworkShape: dcterms:title sh:datatype rdf:langString
# at: frameworks/reg.yaml|framework:
DELETE WHERE { <framework/reg> dcterms:title ?any } ;
INSERT DATA { <framework/reg> dcterms:title "Example regulator framework" }
