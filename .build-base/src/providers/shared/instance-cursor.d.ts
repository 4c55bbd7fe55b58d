/** Largest page of the instance query. */
export declare const MAX_QUERY_LIMIT = 1000;
/** The position after which the next page starts: the last item's sort key. */
export interface CursorPosition {
    readonly createdAt: number;
    readonly instanceId: string;
}
export declare function encodeCursor(position: CursorPosition): string;
/** @throws InvalidInputError for anything that is not a cursor this code produced. */
export declare function decodeCursor(cursor: string): CursorPosition;
