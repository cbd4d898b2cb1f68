-- A purchase's items, kept so a refund can name them instead of an amount: line_no is the item's place in the
-- request (a SKU may be on several lines, at several prices; refunds take its units in line order).
create table purchase_line (
    tenant_id  uuid           not null,
    order_id   text           not null,
    line_no    int            not null,
    sku        text           not null,
    category   text,
    quantity   int            not null check (quantity > 0),
    unit_price numeric(12, 2) not null check (unit_price >= 0),
    primary key (tenant_id, order_id, line_no),
    foreign key (tenant_id, order_id) references purchase (tenant_id, order_id)
);

-- What an items refund took back of each SKU, written with the refund: the refunded quantities so far are the sum.
create table purchase_refund_line (
    tenant_id uuid   not null,
    order_id  text   not null,
    refund_id text   not null,
    sku       text   not null,
    quantity  bigint not null check (quantity > 0),
    primary key (tenant_id, order_id, refund_id, sku),
    foreign key (tenant_id, order_id, refund_id) references purchase_refund (tenant_id, order_id, refund_id)
);

-- An items refund of free items (unit price 0) is worth 0: it is still a refund of those units.
alter table purchase_refund drop constraint purchase_refund_amount_check;
alter table purchase_refund add constraint purchase_refund_amount_check check (amount >= 0);
