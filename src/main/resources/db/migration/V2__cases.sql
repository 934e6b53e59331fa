-- Local case table for tawasul.cases.connector=local (case-connector/). One row per case, keyed by case number.
-- Labels in Arabic and English as the case system gives them; the bot does not know the status vocabulary.
-- updated_at is stored as an instant, updated_offset keeps the offset the case system gave (e.g. +03:00).
-- contacts: registered contacts, "channel:address" pairs separated by ";" (channel = sms|facebook|twitter),
-- e.g. "sms:+966500000001;facebook:2000000000000001".
create table cases (
    case_number      varchar(64)  primary key,
    status           varchar(64)  not null,
    status_label_ar  varchar(256) not null,
    status_label_en  varchar(256) not null,
    department_ar    varchar(256),
    department_en    varchar(256),
    next_step_ar     text,
    next_step_en     text,
    updated_at       timestamptz  not null,
    updated_offset   varchar(6)   not null default '+03:00',
    contacts         text         not null default '',
    imported_at      timestamptz  not null default now()
);
