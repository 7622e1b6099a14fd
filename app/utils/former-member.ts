/** A deleted account keeps its row, renamed like this, so its posts keep an author; pages show "a former member". */
export const isFormerMember = (username: string) => username.startsWith("former-member-");

export const FORMER_MEMBER = "a former member";
