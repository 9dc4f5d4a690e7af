# Reference for `luindex score --stats`: R's survey package on generated data.
#
#   Rscript tests/reference/survey/survey.R      (from the repository root)
#
# Writes data.csv (the responses; one index per mission, blank when missing) and
# expected-<design>.csv: per group (and the total) and mission, the domain mean and its
# SE (svyby/svymean, na.rm = TRUE), the confidence interval (confint), the Kish
# effective base, and the test against the rest of the sample
# (svyttest(idx ~ I(group == g), subset(design, !is.na(idx)))).
suppressMessages(library(survey))
here <- "tests/reference/survey"
set.seed(20230202)

n <- 1500
strata <- sprintf("S%d", 1:6)
psus_per_stratum <- c(8, 10, 12, 9, 15, 6)
stratum <- sample(strata, n, replace = TRUE, prob = c(0.1, 0.15, 0.2, 0.15, 0.3, 0.1))
psu <- vapply(seq_len(n), function(i) {
  s <- match(stratum[i], strata)
  sprintf("%s-P%02d", stratum[i], sample.int(psus_per_stratum[s], 1))
}, "")
# Groups A-D, and a small group E.
g <- sample(c("A", "B", "C", "D", "E"), n, replace = TRUE, prob = c(0.3, 0.3, 0.2, 0.185, 0.015))
w <- round(runif(n, 0.3, 3), 4)
psu_effect <- rnorm(length(unique(psu)), 0, 25)[match(psu, sort(unique(psu)))]
a <- round(pmin(200, pmax(-200, 20 + 15 * (g == "B") - 20 * (g == "E") + psu_effect + rnorm(n, 0, 80))))
b <- round(pmin(200, pmax(-200, -30 + 10 * (g == "C") + psu_effect + rnorm(n, 0, 60))), 2)
a[runif(n) < 0.1] <- NA
b[runif(n) < 0.25] <- NA
data <- data.frame(id = seq_len(n), g, stratum, psu, w, a, b)
# A second file where stratum S7 has a single PSU, for the lonely-PSU options.
lonely <- data
lonely$stratum[lonely$psu %in% c("S6-P01", "S6-P02")] <- "S7"
lonely$psu[lonely$stratum == "S7"] <- "S7-P01"
write.csv(data, file.path(here, "data.csv"), row.names = FALSE, na = "")
write.csv(lonely, file.path(here, "data-lonely.csv"), row.names = FALSE, na = "")

results <- function(design, groups) {
  rows <- list()
  for (mission in c("a", "b")) {
    f <- as.formula(paste0("~", mission))
    total <- svymean(f, design, na.rm = TRUE)
    keep <- !is.na(design$variables[[mission]])
    wts <- weights(design)[keep]
    total_ci <- confint(total)
    rows[[length(rows) + 1]] <- data.frame(
      g = "Total", mission = mission, index = coef(total)[[1]], se = SE(total)[[1]],
      ci_low = total_ci[1, 1], ci_high = total_ci[1, 2], n_eff = sum(wts)^2 / sum(wts^2),
      diff = NA, diff_se = NA, df = NA, p_value = NA)
    by <- svyby(f, ~g, design, svymean, na.rm = TRUE)
    ci <- confint(by)
    for (group in groups) {
      inside <- keep & design$variables$g == group
      gw <- weights(design)[inside]
      sub <- subset(design, !is.na(design$variables[[mission]]))
      tt <- svyttest(as.formula(paste0(mission, " ~ I(g == '", group, "')")), sub)
      rows[[length(rows) + 1]] <- data.frame(
        g = group, mission = mission, index = by[group, mission], se = SE(by)[match(group, by$g)],
        ci_low = ci[group, 1], ci_high = ci[group, 2], n_eff = sum(gw)^2 / sum(gw^2),
        diff = unname(tt$estimate), diff_se = unname(tt$estimate / tt$statistic),
        df = unname(tt$parameter), p_value = tt$p.value)
    }
  }
  do.call(rbind, rows)
}

write_expected <- function(name, design) {
  out <- results(design, c("A", "B", "C", "D", "E"))
  write.csv(format(out, digits = 17), file.path(here, paste0("expected-", name, ".csv")), row.names = FALSE, quote = FALSE)
}

write_expected("weights", svydesign(ids = ~1, weights = ~w, data = data))
write_expected("strata", svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = data))
write_expected("psu", svydesign(ids = ~psu, weights = ~w, data = data))
write_expected("strata-psu", svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = data))
for (option in c("adjust", "remove", "certainty")) {
  options(survey.lonely.psu = option)
  write_expected(paste0("lonely-", option), svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = lonely))
}
cat("wrote", here, "\n")
