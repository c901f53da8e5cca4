# ElementCriterionLinkShape: owl:annotatedSource sh:class cw:Element
# at: links/warm.yaml|- id: w-2
DELETE WHERE { <link/w-2> owl:annotatedSource ?any } ;
INSERT DATA { <link/w-2> owl:annotatedSource <principle/hub/voice> }
