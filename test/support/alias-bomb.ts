/** The 346-byte billion-laughs document of issue 14: nine levels of nine aliases. */
export const ALIAS_BOMB = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(
    'bcdefghi'
      .split('')
      .map((level, index) => `${level}: &${level} [${Array(9).fill(`*${'abcdefghi'[index]}`).join(',')}]`),
  )
  .join('\n');
