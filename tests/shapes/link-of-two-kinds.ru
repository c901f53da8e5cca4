# LinkKindShape: rdf:type sh:maxCount 3; ElementCriterionLinkShape on a principle
# at: links/warm.yaml|- id: w-1
INSERT DATA { <link/w-1> a cw:ElementCriterionLink }
