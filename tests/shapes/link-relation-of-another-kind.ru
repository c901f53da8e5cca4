# ElementPrincipleLinkShape: cw:relation sh:hasValue embodies
# at: links/warm.yaml|- id: w-1
DELETE WHERE { <link/w-1> cw:relation ?any } ;
INSERT DATA { <link/w-1> cw:relation "assessed_by" }
