/** VADER's ~7,500 words and emoticons, lower case, with mean human valence ratings from -4 to 4. */
export declare const vaderLexicon: Readonly<Record<string, number>>;
