package be.helpline.insights.core.contacts;

import java.util.List;

/** The port through which the aggregator reads every registered contact that is not voided. */
public interface ContactFactsSource {
  List<ContactFacts> all();
}
