# Reference for `luindex tab`: R's survey package, svymean of answer indicators.
#
#   Rscript tests/reference/survey/tab.R      (from the repository root)
#
# For each case, on the bundled sample with its weights: among the respondents asked,
# the weighted share of each answer (svymean of the indicator, in percent) overall and
# per group (svyby), and the Kish effective base of each column. Writes
# expected-tab-<case>.csv with columns group, answer, percent, effective_base.
suppressMessages(library(survey))
here <- "tests/reference/survey"
sample <- read.csv("examples/levelling-up-2023-sample.csv", colClasses = "character", check.names = FALSE)
sample$w <- as.numeric(sample$weight)

kish <- function(w) sum(w)^2 / sum(w^2)

# indicators: a named list of logical vectors (one per answer); asked: a logical vector.
crosstab <- function(name, group, indicators, asked) {
  data <- sample[asked, ]
  for (answer in names(indicators)) data[[paste0("i_", make.names(answer))]] <- as.numeric(indicators[[answer]][asked])
  design <- svydesign(ids = ~1, weights = ~w, data = data)
  rows <- list()
  for (answer in names(indicators)) {
    formula <- as.formula(paste0("~i_", make.names(answer)))
    total <- svymean(formula, design)
    rows[[length(rows) + 1]] <- data.frame(group = "Total", answer = answer, percent = 100 * coef(total)[[1]],
                                           effective_base = kish(data$w))
    by <- svyby(formula, as.formula(paste0("~", group)), design, svymean)
    for (i in seq_len(nrow(by))) {
      g <- by[[group]][i]
      rows[[length(rows) + 1]] <- data.frame(group = g, answer = answer, percent = 100 * by[i, 2],
                                             effective_base = kish(data$w[data[[group]] == g]))
    }
  }
  out <- do.call(rbind, rows)
  write.csv(out, file.path(here, paste0("expected-tab-", name, ".csv")), row.names = FALSE)
}

single <- function(column, labels) {
  answers <- trimws(sample[[column]])
  indicators <- setNames(lapply(labels, function(l) answers == l), labels)
  list(indicators = indicators, asked = answers != "")
}

spend <- single("q_spend_area", c("Spend more", "About the same", "Spend less", "Don't know"))
crosstab("spend-area-by-region", "region", spend$indicators, spend$asked)

support <- single("q_support_mayor", c("Strongly support", "Tend to support", "Neither support nor oppose",
                                       "Tend to oppose", "Strongly oppose", "Don't know"))
support$indicators[["Support"]] <- support$indicators[["Strongly support"]] | support$indicators[["Tend to support"]]
support$indicators[["Oppose"]] <- support$indicators[["Tend to oppose"]] | support$indicators[["Strongly oppose"]]
crosstab("support-mayor-by-nation", "nation", support$indicators, support$asked)

option_columns <- grep("^q_priority_", names(sample), value = TRUE)
cells <- sapply(option_columns, function(c) trimws(sample[[c]]))
priorities <- setNames(lapply(option_columns, function(c) trimws(sample[[c]]) == "1"), option_columns)
crosstab("priorities-by-nation", "nation", priorities, rowSums(cells != "") > 0)
