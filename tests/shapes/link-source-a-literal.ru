# LinkShape: owl:annotatedSource sh:nodeKind sh:IRI; ElementPrincipleLinkShape: sh:class
# at: links/warm.yaml|- id: w-3
DELETE WHERE { <link/w-3> owl:annotatedSource ?any } ;
INSERT DATA { <link/w-3> owl:annotatedSource "warm:meetings" }
