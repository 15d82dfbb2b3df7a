// One area's messages in both languages. The Korean tree must have exactly the English
// tree's shape, so a key missing (or extra) in one language is a type error as well as a
// failing test.

export interface MessageTree {
  readonly [key: string]: string | MessageTree
}

/** The same keys as T, every leaf any string. */
export type SameShape<T> = { readonly [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> }

export interface AreaMessages<T extends MessageTree = MessageTree> {
  en: T
  ko: SameShape<T>
}

export function defineMessages<T extends MessageTree>(messages: { en: T; ko: SameShape<T> }): AreaMessages<T> {
  return messages
}
