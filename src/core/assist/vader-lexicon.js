// The VADER word lexicon (MIT, Hutto & Gilbert 2014) as shipped by the Apache-2.0 JS port
// vader-sentiment. Its package entry is a webpack bundle of the whole analyser; this deep import
// pulls in only the word table, and vader-lexicon.d.ts gives it a type.
export { lexicon as vaderLexicon } from 'vader-sentiment/src/vader_lexicon.js';
