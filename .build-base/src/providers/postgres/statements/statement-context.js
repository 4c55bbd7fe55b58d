/** `"schema".table` */
export function table(ctx, name) {
    return `${ctx.schema.quoted}.${name}`;
}
//# sourceMappingURL=statement-context.js.map