process.env.TZ ??= 'Europe/Sofia'
