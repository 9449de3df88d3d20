/** Pack format version; bump when the derived layout changes so old caches are rebuilt. */
export const PACK_FORMAT = 5;
