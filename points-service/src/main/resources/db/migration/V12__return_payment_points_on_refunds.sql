-- A purchase refund gives back its share of the points that paid the order (points-service README, "Points as
-- payment"): a payment is applied, partially_reversed (some of its points are back) or reversed (all of them).
alter table points_payment add column points_returned bigint not null default 0;
update points_payment set points_returned = points where status = 'reversed';
alter table points_payment drop constraint points_payment_status_check;
alter table points_payment
    add constraint points_payment_status_check check (status in ('applied', 'partially_reversed', 'reversed')),
    add constraint points_payment_returned_check check (
        points_returned >= 0 and points_returned <= points
        and (status = 'applied') = (points_returned = 0)
        and (status = 'reversed') = (points_returned = points));

-- What each refund gave back of the order's points payment, and the restore entry that did it.
alter table purchase_refund
    add column payment_points_returned bigint not null default 0 check (payment_points_returned >= 0),
    add column payment_entry_id        uuid;
