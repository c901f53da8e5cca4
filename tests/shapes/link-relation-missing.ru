# LinkKindShape: cw:relation sh:minCount 1; ElementCriterionLinkShape: sh:hasValue
# at: links/bright.yaml|- id: b-1
DELETE WHERE { <link/b-1> cw:relation ?any }
