// Test support in one place: manifest builders, markers, analysis helpers, edits and the rule tester.
export * from './analysis';
export * from './edits';
export * from './manifests';
export * from './markers';
export * from './rule-tester';
