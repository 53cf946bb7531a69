import{a,b,c}from"./chunk-DJDSNMMM.js";import"./chunk-TZFMPVIA.js";import"./chunk-KEEVYPE5.js";export{c as StudySession,a as bankCards,b as studyBank};
