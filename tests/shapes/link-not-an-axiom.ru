# LinkKindShape: rdf:type sh:hasValue owl:Axiom, sh:minCount 3
# at: links/warm.yaml|- id: w-3
DELETE DATA { <link/w-3> a owl:Axiom }
