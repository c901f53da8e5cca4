# LinkShape: owl:annotatedProperty sh:in
# at: links/warm.yaml|- id: w-1
DELETE WHERE { <link/w-1> owl:annotatedProperty ?any } ;
INSERT DATA { <link/w-1> owl:annotatedProperty skos:closeMatch }
