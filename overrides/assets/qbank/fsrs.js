import{a as b,b as c,c as d,d as e,e as f}from"./chunk-TZFMPVIA.js";import{k as a}from"./chunk-KEEVYPE5.js";export{b as FSRS,a as STATE,c as graded,e as mastery,f as migrateOldMarks,d as record};
