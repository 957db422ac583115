/** One broken rule, named by the JSON pointer of the field it concerns. */
export interface Fault {
  pointer: string;
  /** What is wrong, as a message code (worded in three languages outside the domain: `field.<code>`). */
  code: string;
  /** The values the wording shows. */
  params?: Record<string, string | number>;
}
