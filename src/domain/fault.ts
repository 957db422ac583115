/** One broken rule, named by the JSON pointer of the field it concerns. */
export interface Fault {
  pointer: string;
  detail: string;
}
