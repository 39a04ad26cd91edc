-- The language a job seeker chose with the 日本語 / English switch: their pages
-- and the mail sent to them use it (ja: the manual's Japanese, en: English).
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'ja';
